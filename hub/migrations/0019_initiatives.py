from tortoise import migrations

# Citizens' initiatives (hub/initiatives/): submissions, their moderation log, routing and supports.
# Reserved in the chain; filled in by the change that builds it.


class Migration(migrations.Migration):
    dependencies = [('models', '0018_mail')]

    initial = False

    operations = []
