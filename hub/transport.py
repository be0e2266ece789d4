"""The in-process GraphQL transport the app factory hands to the front ends.

Pages run their named operations straight against the schema, with no HTTP
hop and no JSON round trip, as an anonymous reader of the request's tenant:
front ends render public content only. The editors' workspace instead runs
as the signed-in viewer (`SessionTransport`).
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from hub.auth.identity import SessionSigner, viewer_for_request
from hub.context import HubServices, make_context
from hub.graphql_plans import QueryRunner
from tenants.scope import TENANT_KEY, Scope


def client_address(request: Request) -> str:
    """The sender's address as the server saw it (behind a proxy: uvicorn's
    ``--forwarded-allow-ips`` makes it the client's, docs/deploy.md)."""
    return request.client.host if request.client else ""


class InProcessTransport:
    def __init__(self, runner: QueryRunner, services: HubServices) -> None:
        self.runner = runner
        self.services = services

    async def execute(
        self, document: str, variables: dict[str, Any], operation_name: str, request: Request
    ) -> dict[str, Any]:
        scope = Scope(tenant=request.scope.get(TENANT_KEY), client_address=client_address(request))
        return await self._run(document, variables, operation_name, scope)

    async def _run(
        self, document: str, variables: dict[str, Any], operation_name: str, scope: Scope
    ) -> dict[str, Any]:
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


class SessionTransport(InProcessTransport):
    """Runs operations as the request's signed-in viewer: the editors' workspace.

    The viewer comes from the same session cookie or bearer token as
    `/graphql` (`viewer_for_request`), resolved once per request, so a
    workspace screen sees exactly what the API would show that person.
    """

    def __init__(self, runner: QueryRunner, services: HubServices, signer: SessionSigner) -> None:
        super().__init__(runner, services)
        self.signer = signer

    async def execute(
        self, document: str, variables: dict[str, Any], operation_name: str, request: Request
    ) -> dict[str, Any]:
        viewer = getattr(request.state, "thudo_viewer", None)
        if viewer is None:
            viewer = await viewer_for_request(request, self.signer)
            request.state.thudo_viewer = viewer
        scope = Scope(
            tenant=request.scope.get(TENANT_KEY),
            viewer=viewer,
            client_address=client_address(request),
        )
        return await self._run(document, variables, operation_name, scope)
