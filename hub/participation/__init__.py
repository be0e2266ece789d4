"""Citizens' participation on every portal (docs/participation.md).

Consultations on drafts, information requests (Law 104/2016), the list of
information that must be disclosed, and the satisfaction rating. Services
hold the rules; the GraphQL resolvers and the public pages only call them.
"""
