from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

# Mail through the outbox (hub/mail/): every message written in the transaction that caused it,
# with its delivery log. Written by hand in the style of 0010: `mail_due` serves the senders'
# scan of due rows, `mail_by_tenant` a portal's delivery log, `mail_by_object` the mails about
# one object, `mail_by_age` the retention purge.


class Migration(migrations.Migration):
    dependencies = [('models', '0017_login_security')]

    initial = False

    operations = [
        ops.CreateModel(
            name='MailMessage',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('tenant_id', fields.IntField(null=True)),
                ('recipient', fields.CharField(max_length=254)),
                ('language', fields.CharField(max_length=8)),
                ('template', fields.CharField(max_length=100)),
                ('subject', fields.CharField(max_length=500)),
                ('text_body', fields.TextField(unique=False)),
                ('purpose', fields.CharField(max_length=64)),
                ('object_type', fields.CharField(default='', max_length=32)),
                ('object_id', fields.BigIntField(default=0)),
                ('message_id', fields.CharField(max_length=200, unique=True)),
                ('state', fields.CharField(default='queued', max_length=12)),
                ('attempts', fields.IntField(default=0)),
                ('next_attempt_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('last_error', fields.CharField(default='', max_length=500)),
                ('sent_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'mail_message', 'app': 'models', 'indexes': [Index(fields=['state', 'next_attempt_at'], name='mail_due'), Index(fields=['tenant_id', 'id'], name='mail_by_tenant'), Index(fields=['object_type', 'object_id'], name='mail_by_object'), Index(fields=['created_at'], name='mail_by_age')], 'pk_attr': 'id', 'table_description': 'One message to one recipient, with its delivery state.'},
            bases=['PlainRow', 'Model'],
        ),
        ops.CreateModel(
            name='MailAttempt',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('mail', fields.ForeignKeyField('models.MailMessage', source_field='mail_id', db_constraint=True, to_field='id', related_name='log', on_delete=OnDelete.CASCADE)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('outcome', fields.CharField(max_length=12)),
                ('reply', fields.CharField(default='', max_length=500)),
            ],
            options={'table': 'mail_attempt', 'app': 'models', 'indexes': [Index(fields=['mail_id', 'id'], name='mail_attempt_by_mail')], 'pk_attr': 'id', 'table_description': 'One try at sending a message: when, how it ended, and what the server said.'},
            bases=['PlainRow', 'Model'],
        ),
    ]
