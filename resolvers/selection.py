"""Look-ahead into the selection set, to warm loaders before fields ask."""

from __future__ import annotations

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionSetNode,
)
from strawberry.types import Info


def selects(info: Info, *path: str) -> bool:
    """Whether the current field's selection reaches ``path`` (fragments included)."""
    raw = info._raw_info
    sets = [node.selection_set for node in raw.field_nodes if node.selection_set]
    *parents, leaf = path
    for name in parents:
        sets = [
            field.selection_set
            for selection_set in sets
            for field in _fields(selection_set, raw.fragments)
            if field.name.value == name and field.selection_set is not None
        ]
    return any(field.name.value == leaf for s in sets for field in _fields(s, raw.fragments))


def _fields(
    selection_set: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode]
) -> list[FieldNode]:
    found: list[FieldNode] = []
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            found.append(selection)
        elif isinstance(selection, InlineFragmentNode):
            found += _fields(selection.selection_set, fragments)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is not None:
                found += _fields(fragment.selection_set, fragments)
    return found
