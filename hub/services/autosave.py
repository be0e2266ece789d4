"""Working copies: an editor's unsaved text kept as an autosave revision.

An autosave is a :class:`~hub.models.newsroom.Revision` whose note starts
with ``autosave`` (:data:`~hub.services.journal.AUTOSAVE_NOTE`). It is
checked and sanitised like a save, numbered in the article's one sequence of
revisions, but the article itself is not touched: a live article stays as
readers see it, and the article's current revision stays the last real save.
A save refused with CONFLICT is kept the same way, so nothing anyone typed is
lost.
"""

from __future__ import annotations

from tortoise.transactions import in_transaction

from hub.models import Article
from hub.models.newsroom import Revision
from hub.services.articles import (
    ArticleChanges,
    apply_fields,
    check_category,
    editable,
    load_article,
)
from hub.services.journal import AUTOSAVE_NOTE, current_revision_number, record_revision
from tenants.scope import Scope


async def article_autosave(
    scope: Scope,
    article_id: int,
    changes: ArticleChanges,
    base_revision: int | None = None,
    *,
    refused: bool = False,
) -> Revision:
    """Store the viewer's working copy of the article as an autosave revision.

    Who may autosave is who may edit the article now. ``base_revision`` is the
    revision the editor started from (kept in the note, for the history);
    ``refused`` marks the text of a save refused because someone saved first.
    Lists (tags, related articles, media) are not part of revisions and are
    ignored.
    """
    article = await load_article(scope, article_id)
    editable(scope, article)
    # The same checks as a save, applied in memory only: this instance is never saved.
    apply_fields(article, changes)
    if changes.category_id is not None:
        await check_category(article.tenant_id, changes.category_id)
        article.category_id = changes.category_id
    base = base_revision if base_revision is not None else await current_revision_number(article.id)
    note = f"{AUTOSAVE_NOTE}: {'refused save' if refused else 'working copy'} from revision {base}"
    async with in_transaction():
        # Locked like a save, so the two never take the same revision number.
        await Article.unscoped().select_for_update().filter(id=article.id).first()
        return await record_revision(scope, article, note)
