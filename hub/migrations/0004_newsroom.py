from tortoise import migrations
from tortoise.migrations import operations as ops
from hub.models.base import ContentStatus
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0003_media')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AuditEntry',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('tenant_id', fields.IntField()),
                ('actor_id', fields.IntField(null=True)),
                ('actor_name', fields.CharField(max_length=150)),
                ('action', fields.CharField(max_length=40)),
                ('object_type', fields.CharField(max_length=40)),
                ('object_id', fields.IntField()),
                ('from_status', fields.CharField(default='', max_length=16)),
                ('to_status', fields.CharField(default='', max_length=16)),
                ('reason', fields.TextField(default='', unique=False)),
                ('changes', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'audit_entry', 'app': 'models', 'indexes': [Index(fields=['tenant_id', 'at'], name='audit_by_tenant'), Index(fields=['object_type', 'object_id', 'id'], name='audit_by_object')], 'pk_attr': 'id', 'table_description': 'Who did what to which object, when, and what changed (REGULATIONS R23).'},
            bases=['AppendOnly'],
        ),
        ops.CreateModel(
            name='Revision',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('article', fields.ForeignKeyField('models.Article', source_field='article_id', db_constraint=True, to_field='id', related_name='revisions', on_delete=OnDelete.CASCADE)),
                ('number', fields.IntField()),
                ('author_id', fields.IntField(null=True)),
                ('author_name', fields.CharField(default='', max_length=150)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('data', fields.JSONField(encoder=JSON_DUMPS, decoder=loads)),
                ('note', fields.CharField(default='', max_length=300)),
            ],
            options={'table': 'revision', 'app': 'models', 'unique_together': (('article', 'number'),), 'pk_attr': 'id', 'table_description': "A snapshot of an article's editable fields, one per save, numbered from 1."},
            bases=['AppendOnly'],
        ),
        ops.AddField(
            model_name='Article',
            name='publish_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='Article',
            name='unpublish_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddIndex(
            model_name='Article',
            index=Index(fields=['status', 'publish_at'], name='article_due'),
        ),
    ]
