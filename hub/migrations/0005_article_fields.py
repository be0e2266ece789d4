from tortoise import migrations
from tortoise.migrations import operations as ops
from hub.models.content import ArticleKind, MediaRole
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0004_newsroom')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ArticleMedia',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('article', fields.ForeignKeyField('models.Article', source_field='article_id', db_constraint=True, to_field='id', related_name='media_links', on_delete=OnDelete.CASCADE)),
                ('asset', fields.ForeignKeyField('models.MediaAsset', source_field='asset_id', db_constraint=True, to_field='id', related_name='article_links', on_delete=OnDelete.RESTRICT)),
                ('role', fields.CharEnumField(description='Media role', enum_type=MediaRole, max_length=16)),
                ('position', fields.IntField(default=0)),
            ],
            options={'table': 'article_media', 'app': 'models', 'unique_together': (('article', 'asset', 'role'),), 'indexes': [Index(fields=['article_id', 'role', 'position'], name='article_media_order')], 'pk_attr': 'id', 'table_description': 'A media asset used by an article: its cover, a gallery photo, or an attachment.'},
            bases=['PlainRow', 'Model'],
        ),
        ops.CreateModel(
            name='Tag',
            fields=[
                ('tenant', fields.ForeignKeyField('models.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', on_delete=OnDelete.RESTRICT)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('slug', fields.CharField(max_length=120)),
                ('name', fields.CharField(max_length=120)),
            ],
            options={'table': 'tag', 'app': 'models', 'unique_together': (('tenant', 'slug'),), 'pk_attr': 'id', 'table_description': 'A keyword of one portal, shared by its articles.'},
            bases=['TenantOwned'],
        ),
        ops.AddField(
            model_name='Article',
            name='byline',
            field=fields.CharField(default='', db_default='', max_length=200),
        ),
        ops.AddField(
            model_name='Article',
            name='kind',
            field=fields.CharEnumField(default=ArticleKind.NEWS, description='Article kind', db_default='news', enum_type=ArticleKind, max_length=16),
        ),
        ops.AddField(
            model_name='Article',
            name='pinned',
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.AddField(
            model_name='Article',
            name='related',
            field=fields.ManyToManyField('models.Article', unique=True, db_constraint=True, through='article_related', forward_key='article_id', backward_key='article_rel_id', related_name='related_from', on_delete=OnDelete.CASCADE),
        ),
        ops.AddField(
            model_name='Article',
            name='seo_description',
            field=fields.CharField(default='', db_default='', max_length=300),
        ),
        ops.AddField(
            model_name='Article',
            name='seo_title',
            field=fields.CharField(default='', db_default='', max_length=200),
        ),
        ops.AddField(
            model_name='Article',
            name='source_name',
            field=fields.CharField(default='', db_default='', max_length=200),
        ),
        ops.AddField(
            model_name='Article',
            name='source_url',
            field=fields.CharField(default='', db_default='', max_length=500),
        ),
        ops.AddField(
            model_name='Article',
            name='tags',
            field=fields.ManyToManyField('models.Tag', unique=True, db_constraint=True, through='article_tag', forward_key='tag_id', backward_key='article_id', related_name='articles', on_delete=OnDelete.CASCADE),
        ),
        ops.AddField(
            model_name='Article',
            name='text_updated_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='Article',
            name='translation_of',
            field=fields.ForeignKeyField('models.Article', source_field='translation_of_id', null=True, db_constraint=True, to_field='id', related_name='translations', on_delete=OnDelete.SET_NULL),
        ),
    ]
