"""The workspace's named operations (`operations/*.graphql`) over the front ends' client."""

from __future__ import annotations

from pathlib import Path

from frontends.client import HubClient, HubError, OperationLibrary

WORKSPACE_OPERATIONS = OperationLibrary(Path(__file__).resolve().parent / "operations")

__all__ = ["WORKSPACE_OPERATIONS", "HubError", "WorkspaceClient"]


class WorkspaceClient(HubClient):
    """Runs the workspace's own operations (the transport decides who the viewer is)."""

    operations = WORKSPACE_OPERATIONS
