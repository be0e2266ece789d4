"""The workspace's sections, in the order their routes are tried.

Each section is a class built with the :class:`~frontends.admin.workspace.Workspace`
whose ``routes(prefix, page)`` returns its routes under one language's
prefix (`/quan-tri` or `/quan-tri/en`); ``page(handler)`` makes a handler an
endpoint that first settles the session. A new section is one line here.
"""

from __future__ import annotations

from frontends.admin.articles import ArticleScreens
from frontends.admin.documents import DocumentScreens
from frontends.admin.gazette import GazetteScreens
from frontends.admin.graphiql import GraphiQLScreens
from frontends.admin.initiatives import InitiativeScreens
from frontends.admin.media import MediaScreens
from frontends.admin.placements import PlacementScreens
from frontends.admin.portal_sections import PORTAL_ADMIN_SCREENS
from frontends.admin.staff import StaffScreens

SECTIONS = (
    ArticleScreens,
    InitiativeScreens,
    PlacementScreens,
    DocumentScreens,
    GazetteScreens,
    MediaScreens,
    *PORTAL_ADMIN_SCREENS,
    StaffScreens,
    GraphiQLScreens,
)
