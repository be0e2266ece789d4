from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.indexes import Index

from hub.events.models import WritingTransaction

# The outbox is read in (xact_id, id) order below the oldest transaction still
# running, so a long transaction is waited for instead of skipped (docs/events.md).
# Each event is stamped by a column default: pg_current_xact_id() on PostgreSQL,
# 0 on SQLite (WritingTransaction). Cursors keep both halves of the position.
#
# The column is added with the constant default 0 first, so events written before
# this migration get 0 (they sort before every new one and no consumer sees them
# again) and PostgreSQL adds it without rewriting the table; only then does the
# default become the writing transaction (a catalogue change on PostgreSQL; SQLite,
# whose default stays 0, copies the table once).

class Migration(migrations.Migration):
    dependencies = [('models', '0013_receiver_choices')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Event',
            name='xact_id',
            field=fields.BigIntField(db_default=0),
        ),
        ops.AlterField(
            model_name='Event',
            name='xact_id',
            field=fields.BigIntField(db_default=WritingTransaction()),
        ),
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
