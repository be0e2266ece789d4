from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

# Receivers' choices on placed articles (pin, own category, own cover, local copy)
# and forked_from on articles. Lists now order pinned first, so the listing
# indexes put `pinned` before `published_at` and replace the old ones. Only new
# columns and indexes: no AlterField (SQLite would rebuild the table).

class Migration(migrations.Migration):
    dependencies = [('models', '0012_documents')]

    initial = False

    operations = [
        ops.RemoveIndex(
            model_name='Article',
            name='article_category',
            fields=None,
        ),
        ops.RemoveIndex(
            model_name='Article',
            name='article_listing',
            fields=None,
        ),
        ops.RemoveIndex(
            model_name='Article',
            name='article_listing_lang',
            fields=None,
        ),
        ops.AddField(
            model_name='Article',
            name='forked_from',
            field=fields.ForeignKeyField('models.Article', source_field='forked_from_id', null=True, db_constraint=True, to_field='id', related_name='forks', on_delete=OnDelete.SET_NULL),
        ),
        ops.AddIndex(
            model_name='Article',
            index=Index(fields=['tenant_id', 'status', 'pinned', 'published_at'], name='article_listing_pinned'),
        ),
        ops.AddIndex(
            model_name='Article',
            index=Index(fields=['tenant_id', 'language', 'status', 'pinned', 'published_at'], name='article_listing_lang_pinned'),
        ),
        ops.AddIndex(
            model_name='Article',
            index=Index(fields=['category_id', 'status', 'pinned', 'published_at'], name='article_category_pinned'),
        ),
        ops.AddField(
            model_name='PlacementReceipt',
            name='category',
            field=fields.ForeignKeyField('models.Category', source_field='category_id', null=True, db_constraint=True, to_field='id', related_name='placement_receipts', on_delete=OnDelete.SET_NULL),
        ),
        ops.AddField(
            model_name='PlacementReceipt',
            name='cover',
            field=fields.ForeignKeyField('models.MediaAsset', source_field='cover_id', null=True, db_constraint=True, to_field='id', related_name='placement_receipts', on_delete=OnDelete.RESTRICT),
        ),
        ops.AddField(
            model_name='PlacementReceipt',
            name='local_copy',
            field=fields.ForeignKeyField('models.Article', source_field='local_copy_id', null=True, db_constraint=True, to_field='id', related_name='forked_receipts', on_delete=OnDelete.SET_NULL),
        ),
        ops.AddField(
            model_name='PlacementReceipt',
            name='pinned',
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.AddIndex(
            model_name='PlacementReceipt',
            index=Index(fields=['tenant_id', 'placement_id'], name='placement_receipt_by_tenant'),
        ),
    ]
