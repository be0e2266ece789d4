"""Importers from the old portals (Cổng Giao tiếp điện tử and the units' sites).

One reader per kind of export (``jsonl``, ``csvfile``, ``feeds`` for RSS and
Atom, ``wxr`` for WordPress, ``documents`` for legal documents) turns it into
plain items; ``core`` runs them (bookkeeping, dry run, report) and ``writer``
writes each through :mod:`hub.services`, the same functions the GraphQL
mutations call, so imported content obeys every rule that edited content does.
``cli`` is ``thudo import``. docs/migration.md is the manual.
"""
