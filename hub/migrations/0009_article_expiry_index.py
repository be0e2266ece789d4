from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0008_placements')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='Article',
            index=Index(fields=['status', 'unpublish_at'], name='article_expiry'),
        ),
    ]
