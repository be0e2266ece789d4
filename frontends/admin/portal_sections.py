"""The portal administration screens, as one entry of sections.py."""

from __future__ import annotations

from frontends.admin.categories import CategoryScreens
from frontends.admin.settings import SettingsScreens
from frontends.admin.tree import TreeScreens
from frontends.admin.webhooks import WebhookScreens

PORTAL_ADMIN_SCREENS = (SettingsScreens, CategoryScreens, WebhookScreens, TreeScreens)
