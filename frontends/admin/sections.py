"""The workspace's sections, in the order their routes are tried.

Each section is a class built with the :class:`~frontends.admin.workspace.Workspace`
whose ``routes(prefix, page)`` returns its routes under one language's
prefix (`/quan-tri` or `/quan-tri/en`); ``page(handler)`` makes a handler an
endpoint that first settles the session. A new section is one line here.
"""

from __future__ import annotations

from frontends.admin.articles import ArticleScreens
from frontends.admin.graphiql import GraphiQLScreens
from frontends.admin.initiatives import InitiativeScreens

SECTIONS = (
    ArticleScreens,
    InitiativeScreens,
    GraphiQLScreens,
)
