from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0010_webhooks')]

    initial = False

    operations = [
        ops.AddField(
            model_name='PlacementReceipt',
            name='summary_override',
            field=fields.TextField(default='', db_default='', unique=False),
        ),
        ops.AddField(
            model_name='PlacementReceipt',
            name='title_override',
            field=fields.CharField(default='', db_default='', max_length=300),
        ),
    ]
