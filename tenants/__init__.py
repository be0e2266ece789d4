"""The tenant tree: every portal of the province is one tenant.

This package stands low in the house: it owns the Tenant model, the tree
queries, host resolution and the request :class:`~tenants.scope.Scope`. It
imports no content model, so nothing here can run back up the import graph.
"""
