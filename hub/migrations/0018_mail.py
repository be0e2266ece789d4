from tortoise import migrations

# Mail through the outbox (hub/mail/): every message written in the transaction that caused it, with its delivery log.
# Reserved in the chain; filled in by the change that builds it.


class Migration(migrations.Migration):
    dependencies = [('models', '0017_login_security')]

    initial = False

    operations = []
