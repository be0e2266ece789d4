from tortoise import migrations
from tortoise.migrations import operations as ops
from hub.models.syndication import GatheringPolicy
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.migrations.constraints import UniqueConstraint

# The administrative-reform site gathers reform news from every unit (issue 17):
# a site's gathering rules (a category slug or a tag of the units, automatic or
# after acceptance, filed under one of the site's categories), and on placements
# the rule that made one and whether the rule revoked it. Written by hand; only
# new tables and columns (no AlterField: SQLite would rebuild the table). The
# unique keys are the indexes the gathering needs: a site's rule by what it
# matches, and one placement per article and rule.


class Migration(migrations.Migration):
    dependencies = [('models', '0020_participation')]

    initial = False

    operations = [
        ops.CreateModel(
            name='GatheringRule',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('site', fields.ForeignKeyField('models.Tenant', source_field='site_id', db_constraint=True, to_field='id', related_name='gathering_rules', on_delete=OnDelete.CASCADE)),
                ('category_slug', fields.CharField(default='', max_length=120)),
                ('tag_slug', fields.CharField(default='', max_length=120)),
                ('tag_name', fields.CharField(default='', max_length=120)),
                ('policy', fields.CharEnumField(description='Gathering policy', enum_type=GatheringPolicy, max_length=16)),
                ('file_under', fields.ForeignKeyField('models.Category', source_field='file_under_id', null=True, db_constraint=True, to_field='id', related_name='gathering_rules', on_delete=OnDelete.SET_NULL)),
                ('active', fields.BooleanField(default=True)),
                ('created_by', fields.IntField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'gathering_rule', 'app': 'models', 'unique_together': (('site', 'category_slug', 'tag_slug'),), 'pk_attr': 'id', 'table_description': "A site's rule for gathering articles from every unit of its tree, by category or tag."},
            bases=['PlainRow', 'Model'],
        ),
        ops.AddField(
            model_name='Placement',
            name='gathered_by',
            field=fields.ForeignKeyField('models.GatheringRule', source_field='gathered_by_id', null=True, db_constraint=True, to_field='id', related_name='placements', on_delete=OnDelete.SET_NULL),
        ),
        ops.AddField(
            model_name='Placement',
            name='revoked_by_rule',
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.AddConstraint(
            model_name='Placement',
            constraint=UniqueConstraint(fields=('article', 'gathered_by')),
        ),
    ]
