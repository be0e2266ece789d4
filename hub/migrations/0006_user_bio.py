from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0005_article_fields')]

    initial = False

    operations = [
        ops.AddField(
            model_name='User',
            name='bio',
            field=fields.TextField(default='', db_default='', unique=False),
        ),
    ]
