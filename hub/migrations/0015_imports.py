from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

# Import bookkeeping (importers/): one row per imported item of a portal, keyed by
# (tenant, source, object type, external id), and the item's old URLs, keyed by
# (tenant, address) for the one indexed lookup that answers them with a 301.
# Written by hand in the style of 0010; the unique keys are the only indexes needed.

class Migration(migrations.Migration):
    dependencies = [('models', '0014_outbox_stream_order')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ImportRecord',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('models.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', related_name='import_records', on_delete=OnDelete.CASCADE)),
                ('source', fields.CharField(max_length=100)),
                ('object_type', fields.CharField(max_length=32)),
                ('external_id', fields.CharField(max_length=255)),
                ('object_id', fields.IntField()),
                ('fingerprint', fields.CharField(max_length=64)),
                ('links_pending', fields.BooleanField(default=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'import_record', 'app': 'models', 'unique_together': (('tenant', 'source', 'object_type', 'external_id'),), 'pk_attr': 'id', 'table_description': 'One imported item of one portal: where it came from, what it became.'},
            bases=['PlainRow', 'Model'],
        ),
        ops.CreateModel(
            name='OldAddress',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('models.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', related_name='old_addresses', on_delete=OnDelete.CASCADE)),
                ('address', fields.CharField(max_length=1000)),
                ('record', fields.ForeignKeyField('models.ImportRecord', source_field='record_id', db_constraint=True, to_field='id', related_name='old_addresses', on_delete=OnDelete.CASCADE)),
                ('article', fields.ForeignKeyField('models.Article', source_field='article_id', null=True, db_constraint=True, to_field='id', related_name='old_addresses', on_delete=OnDelete.CASCADE)),
                ('category', fields.ForeignKeyField('models.Category', source_field='category_id', null=True, db_constraint=True, to_field='id', related_name='old_addresses', on_delete=OnDelete.CASCADE)),
                ('asset', fields.ForeignKeyField('models.MediaAsset', source_field='asset_id', null=True, db_constraint=True, to_field='id', related_name='old_addresses', on_delete=OnDelete.CASCADE)),
            ],
            options={'table': 'import_old_address', 'app': 'models', 'unique_together': (('tenant', 'address'),), 'pk_attr': 'id', 'table_description': 'An old URL of an imported item, answered with a 301 on its portal\'s hosts.'},
            bases=['PlainRow', 'Model'],
        ),
    ]
