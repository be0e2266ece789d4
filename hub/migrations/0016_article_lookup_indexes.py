from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

# Found by tests/perf/test_no_scan.py at 50,000 articles: the article page's
# translations and the author page's articles were sequential scans of `article`.

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
    ]
