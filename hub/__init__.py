"""Thủ Đô Hub: one GraphQL-first content hub for every portal of a province."""

from hub.third_party_warnings import silence_third_party_warnings

# Before any library is imported, so their import-time notices are filtered too.
silence_third_party_warnings()
