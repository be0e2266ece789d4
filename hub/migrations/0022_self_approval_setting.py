from tortoise import fields, migrations
from tortoise.migrations import operations as ops

# Separation of duties (REGULATIONS statement 25, issue 13): by default nobody
# approves or publishes an article they wrote or last edited. A one-person unit
# may allow it; this column is that portal's setting. Written by hand; one new
# column with a database default, so existing rows need no rewrite.


class Migration(migrations.Migration):
    dependencies = [('models', '0021_reform_sites')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Tenant',
            name='self_approval_allowed',
            field=fields.BooleanField(default=False, db_default=False),
        ),
    ]
