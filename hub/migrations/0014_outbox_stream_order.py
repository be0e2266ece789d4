from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.indexes import Index

from hub.events.models import WritingTransaction

# The outbox is read in (xact_id, id) order below PostgreSQL's snapshot xmin, so a
# long transaction is waited for instead of skipped (docs/events.md). Each event is
# stamped by a column default: pg_current_xact_id() on PostgreSQL, 0 on SQLite.
# Cursors keep both halves of the position. Events written before this migration
# get 0, so they sort before every new one and no consumer sees them again
# (PostgreSQL evaluates the volatile default once per existing row while adding
# the column; the UPDATE puts those rows back at 0).

class Migration(migrations.Migration):
    dependencies = [('models', '0013_receiver_choices')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Event',
            name='xact_id',
            field=fields.BigIntField(db_default=WritingTransaction()),
        ),
        ops.RunSQL('UPDATE event SET xact_id = 0', reverse_sql=''),
        ops.AddIndex(
            model_name='Event',
            index=Index(fields=['xact_id', 'id'], name='event_stream'),
        ),
        ops.AddField(
            model_name='ConsumerCursor',
            name='last_xact_id',
            field=fields.BigIntField(default=0, db_default=0),
        ),
    ]
