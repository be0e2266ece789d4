"""The tenant tree: closure rows, ancestors, descendants, moves."""

from __future__ import annotations

import pytest

from tenants.hierarchy import (
    TenantTreeError,
    ancestors_of,
    create_tenant,
    descendants_of,
    move_tenant,
)
from tenants.models import TenantClosure, TenantLevel
from tests.factories import make_tree


async def test_descendants_and_ancestors_are_exact() -> None:
    tree = await make_tree()
    village = await create_tenant(
        slug="thon-1", name="Tổ dân phố 1", level=TenantLevel.SITE, parent=tree.ward
    )
    below_city = {t.slug for t in await descendants_of(tree.city)}
    assert below_city == {"soxaydung", "hoankiem", "hoangmai", "caicachhanhchinh", "thon-1"}
    assert {t.slug for t in await descendants_of(tree.city, max_distance=1)} == below_city - {
        "thon-1"
    }
    communes = await descendants_of(tree.city, levels=[TenantLevel.COMMUNE])
    assert sorted(t.slug for t in communes) == ["hoangmai", "hoankiem"]
    assert [t.slug for t in await ancestors_of(village)] == ["hanoi", "hoankiem"]
    assert [t.slug for t in await ancestors_of(village, include_self=True)][-1] == "thon-1"
    assert village.depth == 2


async def test_move_regrafts_the_whole_subtree() -> None:
    tree = await make_tree()
    village = await create_tenant(
        slug="thon-1", name="Tổ 1", level=TenantLevel.SITE, parent=tree.ward
    )
    # Units merge: the ward moves below the other ward, its village along with it.
    await move_tenant(tree.ward, tree.other_ward)
    await village.refresh_from_db()
    assert [t.slug for t in await ancestors_of(village)] == ["hanoi", "hoangmai", "hoankiem"]
    assert village.depth == 3
    assert {t.slug for t in await descendants_of(tree.other_ward)} == {"hoankiem", "thon-1"}
    # Closure rows stay exact: one per (ancestor, descendant) pair, no leftovers.
    assert await TenantClosure.filter(descendant_id=village.id).count() == 4


async def test_tree_refuses_cycles_and_bad_slugs() -> None:
    tree = await make_tree()
    with pytest.raises(TenantTreeError) as cycle:
        await move_tenant(tree.city, tree.ward)
    assert cycle.value.code == "CYCLE"
    with pytest.raises(TenantTreeError) as bad:
        await create_tenant(slug="Hà Nội", name="x", level="city")
    assert bad.value.code == "INVALID_SLUG"
