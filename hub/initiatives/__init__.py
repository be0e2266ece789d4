"""Citizens' initiatives: sending, moderating and routing, deadlines, reading (docs/citizens.md)."""
