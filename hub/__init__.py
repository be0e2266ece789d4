"""Thủ Đô Hub: one GraphQL-first content hub for every portal of a province."""
