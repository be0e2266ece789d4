"""The list of information that must be disclosed (REGULATIONS statement 9).

Law 104/2016 Art. 19(1)(g): every portal publishes its "Danh mục thông tin
phải công khai", and for each item its address, form, time and duration of
disclosure. Editors with DISCLOSURE_MANAGE keep it; everyone reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tortoise.transactions import in_transaction

from hub.auth.permissions import Permission
from hub.events.outbox import EventType, emit
from hub.participation.consultations import MAX_URL, _link
from hub.participation.errors import Code, check, fail, text
from hub.participation.models import DisclosureItem
from tenants.models import Tenant
from tenants.scope import Scope

MAX_FIELD = 300
MAX_ITEMS = 500


@dataclass
class DisclosureFields:
    title: str
    address: str  # an http(s) URL or a path on the portal
    form: str
    disclosure_time: str
    duration: str
    position: int = 0


async def disclosure_items(tenant: Tenant) -> list[DisclosureItem]:
    """The portal's list, in its order."""
    return list(await DisclosureItem.visible(Scope(tenant=tenant)))


async def _announce(item: DisclosureItem, action: str) -> None:
    await emit(
        EventType.DISCLOSURE_CHANGED,
        tenant_id=item.tenant_id,
        object_type="DisclosureItem",
        object_id=item.id,
        payload={"action": action},
    )


def _values(fields: DisclosureFields) -> dict[str, Any]:
    if not -1_000_000 <= fields.position <= 1_000_000:
        raise fail(Code.INVALID_INPUT, "position is out of range", "position")
    return {
        "title": text(fields.title, "title", MAX_FIELD),
        "address": _link(fields.address[: MAX_URL + 1], "address"),
        "form": text(fields.form, "form", MAX_FIELD),
        "disclosure_time": text(fields.disclosure_time, "disclosureTime", MAX_FIELD),
        "duration": text(fields.duration, "duration", MAX_FIELD),
        "position": fields.position,
    }


async def disclosure_item_add(
    scope: Scope, tenant: Tenant, fields: DisclosureFields
) -> DisclosureItem:
    """Add an item to the portal's list (DISCLOSURE_MANAGE)."""
    check(scope.viewer, Permission.DISCLOSURE_MANAGE, tenant.id)
    values = _values(fields)
    if await DisclosureItem.filter(tenant_id=tenant.id).count() >= MAX_ITEMS:
        raise fail(Code.INVALID_INPUT, f"a list holds at most {MAX_ITEMS} items")
    async with in_transaction():
        item = await DisclosureItem.create(tenant_id=tenant.id, **values)
        await _announce(item, "added")
    return item


async def _item(scope: Scope, item_id: int) -> DisclosureItem:
    # Escape hatch: found by id, then checked against its own portal's roles.
    item = await DisclosureItem.unscoped().get_or_none(id=item_id)
    if item is None:
        raise fail(Code.NOT_FOUND, "no such item", "item")
    check(scope.viewer, Permission.DISCLOSURE_MANAGE, item.tenant_id)
    return item


async def disclosure_item_update(
    scope: Scope, item_id: int, fields: DisclosureFields
) -> DisclosureItem:
    """Change an item (DISCLOSURE_MANAGE of its portal)."""
    item = await _item(scope, item_id)
    values = _values(fields)
    async with in_transaction():
        item.update_from_dict(values)
        await item.save()
        await _announce(item, "updated")
    return item


async def disclosure_item_delete(scope: Scope, item_id: int) -> int:
    """Remove an item; returns its id."""
    item = await _item(scope, item_id)
    async with in_transaction():
        await _announce(item, "deleted")
        await item.delete()
    return item_id
