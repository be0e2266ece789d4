from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

# Found by tests/perf/test_no_scan.py at 50,000 articles: the article page's
# translations and the author page's articles were sequential scans of `article`.
# The media library's public filter asks, per asset, whether published content
# uses it: article_media, document_attachment, gazette_edition, placement_receipt.

class Migration(migrations.Migration):
    dependencies = [('models', '0015_imports')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='Article',
            index=Index(fields=['translation_of_id'], name='article_translation_of'),
        ),
        ops.AddIndex(
            model_name='Article',
            index=Index(fields=['author_id', 'status', 'published_at'], name='article_author'),
        ),
        ops.AddIndex(
            model_name='ArticleMedia',
            index=Index(fields=['asset_id'], name='article_media_asset'),
        ),
        ops.AddIndex(
            model_name='DocumentAttachment',
            index=Index(fields=['asset_id'], name='document_attachment_asset'),
        ),
        ops.AddIndex(
            model_name='GazetteEdition',
            index=Index(fields=['pdf_id'], name='gazette_edition_pdf'),
        ),
        ops.AddIndex(
            model_name='PlacementReceipt',
            index=Index(fields=['cover_id'], name='placement_receipt_cover'),
        ),
    ]
