from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.indexes import Index

# The workspace's article list (issue 13): a portal's own articles, last change
# first, with or without a status. Found by `python -m bench workspace` at
# 100,000 articles: without these each page sorted the portal's whole table.


class Migration(migrations.Migration):
    dependencies = [('models', '0022_self_approval_setting')]

    initial = False

    operations = [
        ops.AddIndex(
            model_name='Article',
            index=Index(fields=['tenant_id', 'updated_at', 'id'], name='article_changed'),
        ),
        ops.AddIndex(
            model_name='Article',
            index=Index(
                fields=['tenant_id', 'status', 'updated_at', 'id'], name='article_status_changed'
            ),
        ),
    ]
