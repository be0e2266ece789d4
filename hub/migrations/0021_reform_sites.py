from tortoise import migrations

# The administrative-reform site gathers reform news from every unit.
# Reserved in the chain; filled in by the change that builds it.


class Migration(migrations.Migration):
    dependencies = [('models', '0020_participation')]

    initial = False

    operations = []
