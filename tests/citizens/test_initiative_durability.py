"""A submit cut off half-way leaves nothing, says so, and the same form then sends it once.

On PostgreSQL the database connection itself is dropped in the middle of the
submit's transaction: a trigger on the log table makes the server terminate
the very backend that is writing (after the initiative row, before the
commit). On SQLite, which has no connection to drop, the same trigger aborts
the transaction at the same point.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from tortoise import Tortoise

from hub.initiatives.models import Initiative
from hub.mail import MailMessage
from tests.citizens.test_initiative_pages import SAME_SITE, fields, form_key, post_form
from tests.citizens.test_initiative_pages import tracking_code as code_on
from tests.factories import make_tree

POSTGRES_CUT = [
    """CREATE OR REPLACE FUNCTION cut_the_connection() RETURNS trigger AS $$
    BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; END
    $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER cut_mid_submit BEFORE INSERT ON initiative_step
    FOR EACH ROW EXECUTE FUNCTION cut_the_connection()""",
]
SQLITE_CUT = [
    """CREATE TRIGGER cut_mid_submit BEFORE INSERT ON initiative_step
    BEGIN SELECT RAISE(ABORT, 'the connection was lost'); END""",
]


@pytest.fixture
async def cut_mid_submit(is_postgres: bool) -> AsyncIterator[None]:
    conn = Tortoise.get_connection("default")
    for statement in POSTGRES_CUT if is_postgres else SQLITE_CUT:
        await conn.execute_script(statement)
    yield
    await heal(is_postgres)


async def heal(is_postgres: bool) -> None:
    conn = Tortoise.get_connection("default")
    on_table = " ON initiative_step" if is_postgres else ""
    await conn.execute_script(f"DROP TRIGGER IF EXISTS cut_mid_submit{on_table}")


async def test_a_submit_cut_mid_transaction_leaves_nothing_and_the_resend_makes_one(
    client: httpx.AsyncClient, cut_mid_submit: None, is_postgres: bool
) -> None:
    await make_tree()
    shown = await client.get("/sang-kien/gui", headers={"Host": SAME_SITE["Host"]})
    key = form_key(shown.text)
    cut = await post_form(client, fields(key))
    # Told plainly that nothing was kept, with the form (and its key) to send again.
    assert cut.status_code == 503
    assert "could NOT be confirmed" in cut.text
    assert form_key(cut.text) == key
    assert "Lắp thêm đèn chiếu sáng ngõ 12" in cut.text
    assert await Initiative.all().count() == 0
    assert await MailMessage.all().count() == 0  # no receipt for what was not kept

    # On PostgreSQL the dropped connection is gone; a new one from the pool serves on.
    await heal(is_postgres)
    resent = await post_form(client, fields(key))
    assert resent.status_code == 200
    code = code_on(resent.text)
    # The answer to this one is lost on the way (the citizen presses send again):
    # the same key finds it, and the page says it had been received.
    again = await post_form(client, fields(key))
    assert code_on(again.text) == code
    assert await Initiative.all().count() == 1
    assert await MailMessage.filter(purpose="initiative.receipt").count() == 1
