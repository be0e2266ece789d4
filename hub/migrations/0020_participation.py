from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise.indexes import Index
from tortoise import fields

# Consultations on drafts, information requests, the disclosure list and ratings
# (hub/participation/, docs/participation.md). Written by hand in the style of 0015;
# states are plain strings (the models' enums), so a new state needs no table rebuild.


def _owned() -> list[tuple[str, fields.Field]]:
    return [
        ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
        ('tenant', fields.ForeignKeyField('models.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', on_delete=OnDelete.RESTRICT)),
        ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
        ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
    ]


class Migration(migrations.Migration):
    dependencies = [('models', '0019_initiatives')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Consultation',
            fields=[
                *_owned(),
                ('title', fields.CharField(max_length=300)),
                ('body', fields.TextField()),
                ('files', fields.JSONField(default=list)),
                ('contact', fields.CharField(max_length=500)),
                ('opened_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('deadline', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('state', fields.CharField(default='open', max_length=16)),
                ('summary', fields.TextField(default='')),
                ('closed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'consultation', 'app': 'models', 'indexes': [Index(fields=['tenant_id', 'opened_at'], name='consultation_list')], 'pk_attr': 'id', 'table_description': 'A draft document put out for comments until its deadline.'},
            bases=['TenantOwned'],
        ),
        ops.CreateModel(
            name='ConsultationComment',
            fields=[
                *_owned(),
                ('consultation', fields.ForeignKeyField('models.Consultation', source_field='consultation_id', db_constraint=True, to_field='id', related_name='comments', on_delete=OnDelete.CASCADE)),
                ('author_name', fields.CharField(max_length=100)),
                ('author_contact', fields.CharField(default='', max_length=200)),
                ('body', fields.TextField()),
                ('consent', fields.BooleanField(default=False)),
                ('state', fields.CharField(default='received', max_length=16)),
                ('moderated_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'consultation_comment', 'app': 'models', 'indexes': [Index(fields=['consultation_id', 'state'], name='consultation_comment_list')], 'pk_attr': 'id', 'table_description': "A citizen's comment on a draft, public once shown by a moderator."},
            bases=['TenantOwned'],
        ),
        ops.CreateModel(
            name='InfoRequest',
            fields=[
                *_owned(),
                ('tracking_code', fields.CharField(max_length=32, unique=True)),
                ('full_name', fields.CharField(max_length=100)),
                ('address', fields.CharField(max_length=300)),
                ('id_number', fields.CharField(max_length=20)),
                ('phone', fields.CharField(default='', max_length=20)),
                ('email', fields.CharField(default='', max_length=200)),
                ('information', fields.TextField()),
                ('purpose', fields.TextField()),
                ('receive_form', fields.CharField(max_length=16)),
                ('receive_means', fields.CharField(max_length=16)),
                ('consent', fields.BooleanField(default=False)),
                ('state', fields.CharField(default='received', max_length=16)),
                ('received_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('complex', fields.BooleanField(default=False)),
                ('due_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('extended', fields.BooleanField(default=False)),
                ('answer', fields.TextField(default='')),
                ('closed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'info_request', 'app': 'models', 'indexes': [Index(fields=['tenant_id', 'state', 'due_at'], name='info_request_queue')], 'pk_attr': 'id', 'table_description': 'A request for information (Law 104/2016 Art. 24) with its clock.'},
            bases=['TenantOwned'],
        ),
        ops.CreateModel(
            name='InfoRequestStep',
            fields=[
                *_owned(),
                ('request', fields.ForeignKeyField('models.InfoRequest', source_field='request_id', db_constraint=True, to_field='id', related_name='steps', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharField(max_length=16)),
                ('note', fields.TextField(default='')),
                ('due_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'info_request_step', 'app': 'models', 'indexes': [Index(fields=['request_id', 'created_at'], name='info_request_log')], 'pk_attr': 'id', 'table_description': "One line of an information request's log."},
            bases=['TenantOwned'],
        ),
        ops.CreateModel(
            name='DisclosureItem',
            fields=[
                *_owned(),
                ('title', fields.CharField(max_length=300)),
                ('address', fields.CharField(max_length=500)),
                ('form', fields.CharField(max_length=300)),
                ('disclosure_time', fields.CharField(max_length=300)),
                ('duration', fields.CharField(max_length=300)),
                ('position', fields.IntField(default=0)),
            ],
            options={'table': 'disclosure_item', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One line of the list of information that must be disclosed.'},
            bases=['TenantOwned'],
        ),
        ops.CreateModel(
            name='SatisfactionRating',
            fields=[
                *_owned(),
                ('path', fields.CharField(max_length=300)),
                ('score', fields.SmallIntField()),
            ],
            options={'table': 'satisfaction_rating', 'app': 'models', 'indexes': [Index(fields=['tenant_id', 'created_at'], name='satisfaction_rating_period')], 'pk_attr': 'id', 'table_description': 'One anonymous satisfaction rating of one page.'},
            bases=['TenantOwned'],
        ),
    ]
