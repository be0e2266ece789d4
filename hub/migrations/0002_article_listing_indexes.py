from tortoise import migrations
from tortoise.indexes import Index
from tortoise.migrations import operations as ops

# Hand-written: the autodetector does not diff Meta.indexes. The first listing
# index led with language, so lists over every language sorted in memory.


class Migration(migrations.Migration):
    dependencies = [("models", "0001_initial")]

    operations = [
        ops.RemoveIndex(model_name="Article", name="article_listing"),
        ops.AddIndex(
            model_name="Article",
            index=Index(fields=["tenant_id", "status", "published_at"], name="article_listing"),
        ),
        ops.AddIndex(
            model_name="Article",
            index=Index(
                fields=["tenant_id", "language", "status", "published_at"],
                name="article_listing_lang",
            ),
        ),
    ]
