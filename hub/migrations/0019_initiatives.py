from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index
from tortoise import fields

# Citizens' initiatives (hub/initiatives/): the initiative with its citizen's
# contact (personal data, docs/citizens.md), its attachments, its append-only log
# and its supports. Written by hand; the indexes serve the public list per portal,
# a unit's queue, the deadline round and the rate limits per sender and contact.

_TEXT = {'app': 'models', 'pk_attr': 'id'}


class Migration(migrations.Migration):
    dependencies = [('models', '0018_mail')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Initiative',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('tenant_id', fields.IntField()),
                ('place_tenant_id', fields.IntField(null=True)),
                ('assigned_tenant_id', fields.IntField(null=True)),
                ('topic', fields.CharField(max_length=32)),
                ('title', fields.CharField(max_length=300)),
                ('content', fields.TextField()),
                ('status', fields.CharField(max_length=16, default='received')),
                ('tracking_code', fields.CharField(max_length=20, unique=True)),
                ('idempotency_key', fields.CharField(max_length=80, unique=True)),
                ('fingerprint', fields.CharField(max_length=64)),
                ('contact_name', fields.CharField(max_length=200)),
                ('contact_email', fields.CharField(max_length=254)),
                ('contact_phone', fields.CharField(max_length=30, default='')),
                ('contact_address', fields.CharField(max_length=300, default='')),
                ('consent_text', fields.TextField()),
                ('sender_key', fields.CharField(max_length=64)),
                ('contact_key', fields.CharField(max_length=64)),
                ('language', fields.CharField(max_length=2, default='vi')),
                ('received_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('due_at', fields.DatetimeField(null=True)),
                ('reminded_at', fields.DatetimeField(null=True)),
                ('escalated_at', fields.DatetimeField(null=True)),
                ('escalated_tenant_id', fields.IntField(null=True)),
                ('answer', fields.TextField(default='')),
                ('answered_at', fields.DatetimeField(null=True)),
                ('answered_late', fields.BooleanField(default=False)),
                ('rejection_reason', fields.TextField(default='')),
                ('published_at', fields.DatetimeField(null=True)),
                ('support_count', fields.IntField(default=0)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={
                **_TEXT,
                'table': 'initiative',
                'indexes': (
                    Index(fields=('tenant_id', 'status', 'id'), name='initiative_by_portal'),
                    Index(fields=('assigned_tenant_id', 'status'), name='initiative_by_unit'),
                    Index(fields=('status', 'due_at'), name='initiative_due'),
                    Index(fields=('sender_key', 'received_at'), name='initiative_by_sender'),
                    Index(fields=('contact_key', 'received_at'), name='initiative_by_contact'),
                ),
                'table_description': "One citizen's initiative or recommendation to the city.",
            },
            bases=['PlainRow', 'Model'],
        ),
        ops.CreateModel(
            name='InitiativeAttachment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('initiative_id', fields.IntField(db_index=True)),
                ('asset_id', fields.IntField()),
            ],
            options={**_TEXT, 'table': 'initiative_attachment', 'table_description': 'A file sent with an initiative.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='InitiativeStep',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('initiative_id', fields.IntField(db_index=True)),
                ('action', fields.CharField(max_length=20)),
                ('from_status', fields.CharField(max_length=16, default='')),
                ('to_status', fields.CharField(max_length=16, default='')),
                ('actor_id', fields.IntField(null=True)),
                ('tenant_id', fields.IntField(null=True)),
                ('note', fields.TextField(default='')),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={**_TEXT, 'table': 'initiative_step', 'table_description': "One line of an initiative's log."},
            bases=['AppendOnly'],
        ),
        ops.CreateModel(
            name='InitiativeSupport',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('initiative_id', fields.IntField()),
                ('email_key', fields.CharField(max_length=64)),
                ('sender_key', fields.CharField(max_length=64, default='')),
                ('token', fields.CharField(max_length=64, unique=True)),
                ('confirmed_at', fields.DatetimeField(null=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={**_TEXT, 'table': 'initiative_support', 'unique_together': (('initiative_id', 'email_key'),), 'indexes': (Index(fields=('sender_key', 'created_at'), name='support_by_sender'),), 'table_description': 'One support, counted once confirmed.'},
            bases=['Model'],
        ),
    ]
