"""The committed SDL is the schema: every API change shows up in review."""

from __future__ import annotations

from graphql import GraphQLField, GraphQLInputObjectType, GraphQLObjectType

from hub.graphql import SDL_PATH, export_sdl, schema


def test_committed_sdl_matches_the_schema() -> None:
    assert SDL_PATH.read_text(encoding="utf-8") == export_sdl(), (
        "schema/schema.graphql is stale: run `thudo schema export`"
    )


def test_every_field_and_argument_is_described() -> None:
    missing = []
    for name, gql_type in schema._schema.type_map.items():
        if name.startswith("__") or not isinstance(
            gql_type, GraphQLObjectType | GraphQLInputObjectType
        ):
            continue
        for field_name, field in gql_type.fields.items():
            if not field.description:
                missing.append(f"{name}.{field_name}")
            if isinstance(field, GraphQLField):
                missing += [
                    f"{name}.{field_name}({arg})"
                    for arg, spec in field.args.items()
                    if not spec.description
                ]
    assert missing == []
