"""Importers from the old portal (Cổng Giao tiếp điện tử).

Each importer reads a source and writes through :mod:`hub.services` — the
same functions the GraphQL mutations call — so imported content obeys every
rule that edited content does. ``article_publish(..., published_at=...)``
keeps an imported article's original publication date.
"""
