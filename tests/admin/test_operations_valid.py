"""Every named operation of the workspace (and GraphiQL's library) is valid against the
schema, so a renamed field or a broken fragment fails here, not on an editor's screen."""

from __future__ import annotations

from graphql import parse, validate

from frontends.admin.client import WORKSPACE_OPERATIONS
from hub.graphql import schema


def test_every_workspace_operation_is_valid_against_the_schema() -> None:
    names = WORKSPACE_OPERATIONS.names()
    assert len(names) > 50
    problems = {}
    for name in names:
        document = parse(WORKSPACE_OPERATIONS.load(name))
        errors = [error.message for error in validate(schema._schema, document)]
        operations = [d for d in document.definitions if d.kind == "operation_definition"]
        if len(operations) != 1 or operations[0].name is None:
            errors.append("not one named operation")
        elif operations[0].name.value != name:
            errors.append(f"named {operations[0].name.value}")
        if errors:
            problems[name] = errors
    assert not problems, problems
