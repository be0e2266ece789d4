from tortoise import migrations
from tortoise.migrations import operations as ops
from hub.models.syndication import PlacementOrigin, PlacementPolicy, Reach
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0007_outbox')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Placement',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('article', fields.ForeignKeyField('models.Article', source_field='article_id', db_constraint=True, to_field='id', related_name='placements', on_delete=OnDelete.CASCADE)),
                ('target', fields.ForeignKeyField('models.Tenant', source_field='target_id', db_constraint=True, to_field='id', related_name='placements_in', on_delete=OnDelete.CASCADE)),
                ('reach', fields.CharEnumField(description='Placement reach', enum_type=Reach, max_length=16)),
                ('levels', fields.CharField(default='', max_length=100)),
                ('category_slug', fields.CharField(default='', max_length=120)),
                ('policy', fields.CharEnumField(description='Placement policy', enum_type=PlacementPolicy, max_length=16)),
                ('origin', fields.CharEnumField(description='Placement origin', enum_type=PlacementOrigin, max_length=8)),
                ('created_by', fields.IntField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'placement', 'app': 'models', 'indexes': [Index(fields=['target_id', 'reach'], name='placement_by_target'), Index(fields=['article_id'], name='placement_by_article')], 'pk_attr': 'id'},
            bases=['PlainRow', 'Model'],
        ),
        ops.CreateModel(
            name='PlacementReceipt',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('placement', fields.ForeignKeyField('models.Placement', source_field='placement_id', db_constraint=True, to_field='id', related_name='receipts', on_delete=OnDelete.CASCADE)),
                ('tenant', fields.ForeignKeyField('models.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', related_name='placement_receipts', on_delete=OnDelete.CASCADE)),
                ('accepted', fields.BooleanField(null=True)),
                ('hidden', fields.BooleanField(default=False)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'placement_receipt', 'app': 'models', 'unique_together': (('placement', 'tenant'),), 'pk_attr': 'id', 'table_description': 'What one receiving portal decided about one placement.'},
            bases=['PlainRow', 'Model'],
        ),
    ]
