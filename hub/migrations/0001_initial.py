from tortoise import migrations
from tortoise.migrations import operations as ops
from hub.auth.permissions import Role
from hub.models.base import ContentStatus, Language
from tenants.models import TenantLevel
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name='Tenant',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('slug', fields.CharField(unique=True, max_length=64)),
                ('name', fields.CharField(max_length=200)),
                ('name_en', fields.CharField(default='', max_length=200)),
                ('level', fields.CharEnumField(description='CITY: city\nDEPARTMENT: department\nDISTRICT: district\nCOMMUNE: commune\nSITE: site', enum_type=TenantLevel, max_length=16)),
                ('parent', fields.ForeignKeyField('models.Tenant', source_field='parent_id', null=True, db_constraint=True, to_field='id', related_name='children', on_delete=OnDelete.RESTRICT)),
                ('depth', fields.IntField(default=0)),
                ('english_enabled', fields.BooleanField(default=False)),
                ('description', fields.TextField(default='', unique=False)),
                ('address', fields.CharField(default='', max_length=300)),
                ('phone', fields.CharField(default='', max_length=50)),
                ('fax', fields.CharField(default='', max_length=50)),
                ('email', fields.CharField(default='', max_length=200)),
                ('info_officer_name', fields.CharField(default='', max_length=200)),
                ('info_officer_title', fields.CharField(default='', max_length=200)),
                ('info_officer_phone', fields.CharField(default='', max_length=50)),
                ('info_officer_email', fields.CharField(default='', max_length=200)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'tenant', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One portal or site. Levels and parents are data: units merge and move.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Category',
            fields=[
                ('tenant', fields.ForeignKeyField('models.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('parent', fields.ForeignKeyField('models.Category', source_field='parent_id', null=True, db_constraint=True, to_field='id', related_name='children', on_delete=OnDelete.SET_NULL)),
                ('slug', fields.CharField(max_length=120)),
                ('name', fields.CharField(max_length=200)),
                ('name_en', fields.CharField(default='', max_length=200)),
                ('slug_en', fields.CharField(default='', max_length=120)),
                ('description', fields.TextField(default='', unique=False)),
                ('position', fields.IntField(default=0)),
            ],
            options={'table': 'category', 'app': 'models', 'unique_together': (('tenant', 'slug'),), 'pk_attr': 'id', 'table_description': 'A section of one portal (a tree per tenant), named in Vietnamese and English.'},
            bases=['TenantOwned'],
        ),
        ops.CreateModel(
            name='TenantClosure',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('ancestor', fields.ForeignKeyField('models.Tenant', source_field='ancestor_id', db_constraint=True, to_field='id', related_name='descendant_links', on_delete=OnDelete.CASCADE)),
                ('descendant', fields.ForeignKeyField('models.Tenant', source_field='descendant_id', db_constraint=True, to_field='id', related_name='ancestor_links', on_delete=OnDelete.CASCADE)),
                ('distance', fields.IntField()),
            ],
            options={'table': 'tenant_closure', 'app': 'models', 'unique_together': (('ancestor', 'descendant'),), 'indexes': [Index(fields=['descendant_id', 'distance'])], 'pk_attr': 'id', 'table_description': 'One row per (ancestor, descendant) pair, itself included at depth 0.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='TenantHost',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('hostname', fields.CharField(unique=True, max_length=253)),
                ('tenant', fields.ForeignKeyField('models.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', related_name='hosts', on_delete=OnDelete.CASCADE)),
            ],
            options={'table': 'tenant_host', 'app': 'models', 'pk_attr': 'id', 'table_description': 'An extra hostname that serves a tenant, e.g. `caicachhanhchinh.hanoi.gov.vn`.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='User',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('username', fields.CharField(unique=True, max_length=150)),
                ('email', fields.CharField(default='', max_length=254)),
                ('full_name', fields.CharField(default='', max_length=200)),
                ('password_hash', fields.CharField(default='', max_length=255)),
                ('is_superuser', fields.BooleanField(default=False)),
                ('is_active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'user', 'app': 'models', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ApiToken',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('models.User', source_field='user_id', db_constraint=True, to_field='id', related_name='api_tokens', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=100)),
                ('token_hash', fields.CharField(unique=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('last_used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('revoked', fields.BooleanField(default=False)),
            ],
            options={'table': 'api_token', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A bearer token for an integrator, stored only as its SHA-256.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Article',
            fields=[
                ('tenant', fields.ForeignKeyField('models.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('language', fields.CharEnumField(default=Language.VI, description='VI: vi\nEN: en', enum_type=Language, max_length=8)),
                ('status', fields.CharEnumField(default=ContentStatus.DRAFT, description='Workflow status', enum_type=ContentStatus, max_length=16)),
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('category', fields.ForeignKeyField('models.Category', source_field='category_id', null=True, db_constraint=True, to_field='id', related_name='articles', on_delete=OnDelete.SET_NULL)),
                ('slug', fields.CharField(max_length=200)),
                ('title', fields.CharField(max_length=300)),
                ('summary', fields.TextField(default='', unique=False)),
                ('body', fields.TextField(default='', unique=False)),
                ('featured', fields.BooleanField(default=False)),
                ('published_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('author', fields.ForeignKeyField('models.User', source_field='author_id', null=True, db_constraint=True, to_field='id', related_name='articles', on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'article', 'app': 'models', 'unique_together': (('tenant', 'language', 'slug'),), 'indexes': [Index(fields=['tenant_id', 'status', 'language', 'published_at'], name='article_listing'), Index(fields=['category_id', 'status', 'published_at'], name='article_category')], 'pk_attr': 'id', 'table_description': 'A piece of news or a page, owned by one tenant, in one language.'},
            bases=['TenantContent'],
        ),
        ops.CreateModel(
            name='Membership',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('models.User', source_field='user_id', db_constraint=True, to_field='id', related_name='memberships', on_delete=OnDelete.CASCADE)),
                ('tenant', fields.ForeignKeyField('models.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', related_name='memberships', on_delete=OnDelete.CASCADE)),
                ('role', fields.CharEnumField(description='REPORTER: reporter\nEDITOR: editor\nAPPROVER: approver\nADMIN: admin', enum_type=Role, max_length=16)),
            ],
            options={'table': 'membership', 'app': 'models', 'unique_together': (('user', 'tenant', 'role'),), 'pk_attr': 'id', 'table_description': 'One role of one user in one tenant.'},
            bases=['Model'],
        ),
    ]
