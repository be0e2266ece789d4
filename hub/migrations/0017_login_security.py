from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

# Accounts that resist attack (issue 14): a session generation per user, which
# sign-out, a password change and deactivation raise to end every session at
# once; and failed sign-ins per account name and per client address, shared by
# every hub process (hub/auth/throttle.py). Written by hand; the unique key is
# the only index the throttle needs.

class Migration(migrations.Migration):
    dependencies = [('models', '0016_article_lookup_indexes')]

    initial = False

    operations = [
        ops.AddField(
            model_name='User',
            name='session_generation',
            field=fields.IntField(default=0, db_default=0),
        ),
        ops.CreateModel(
            name='LoginThrottle',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('key', fields.CharField(max_length=200, unique=True)),
                ('failures', fields.IntField(default=0)),
                ('last_failure', fields.FloatField(default=0)),
                ('blocked_until', fields.FloatField(default=0)),
            ],
            options={'table': 'login_throttle', 'app': 'models', 'pk_attr': 'id', 'table_description': 'Failed sign-ins of one account name or one client address.'},
            bases=['Model'],
        ),
    ]
