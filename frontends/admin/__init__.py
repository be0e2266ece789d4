"""The editors' workspace at `/quan-tri/`: a thin, server-rendered client of the hub's API.

Like the portals it speaks GraphQL only, through named operations in
`frontends/admin/operations/` run in-process as the signed-in viewer; it
imports no service and no model. See docs/workspace.md.
"""
