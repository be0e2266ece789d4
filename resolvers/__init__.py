"""Root fields per domain. Thin: parse arguments, call services or scoped reads."""
