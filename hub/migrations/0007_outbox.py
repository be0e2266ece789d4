from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0006_user_bio')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ConsumerCursor',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(unique=True, max_length=100)),
                ('last_event_id', fields.BigIntField(default=0)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'consumer_cursor', 'app': 'models', 'pk_attr': 'id', 'table_description': 'How far one consumer has got through the outbox.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Event',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('type', fields.CharField(max_length=60)),
                ('tenant_id', fields.IntField()),
                ('object_type', fields.CharField(max_length=40)),
                ('object_id', fields.IntField()),
                ('payload', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'event', 'app': 'models', 'indexes': [Index(fields=['tenant_id', 'id'], name='event_by_tenant')], 'pk_attr': 'id', 'table_description': 'Something visible changed: written in the transaction that changed it, never edited.'},
            bases=['AppendOnly'],
        ),
    ]
