"""The in-process GraphQL transport the app factory hands to the front ends.

Pages run their named operations straight against the schema, with no HTTP
hop and no JSON round trip, as an anonymous reader of the request's tenant:
front ends render public content only.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from hub.context import HubServices, make_context
from hub.graphql_plans import QueryRunner
from tenants.scope import TENANT_KEY, Scope


class InProcessTransport:
    def __init__(self, runner: QueryRunner, services: HubServices) -> None:
        self.runner = runner
        self.services = services

    async def execute(
        self, document: str, variables: dict[str, Any], operation_name: str, request: Request
    ) -> dict[str, Any]:
        scope = Scope(tenant=request.scope.get(TENANT_KEY))
        context = make_context(scope, self.services)
        result = await self.runner.execute(
            document,
            variable_values=variables,
            context_value=context,
            operation_name=operation_name,
        )
        response: dict[str, Any] = {"data": result.data}
        if result.errors:
            response["errors"] = [e.formatted for e in result.errors]
        return response
