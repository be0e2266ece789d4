from tortoise import migrations

# Consultations on drafts, information requests, the disclosure list and ratings (hub/participation/).
# Reserved in the chain; filled in by the change that builds it.


class Migration(migrations.Migration):
    dependencies = [('models', '0019_initiatives')]

    initial = False

    operations = []
