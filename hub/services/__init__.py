"""The hub's logic. GraphQL mutations, CLI commands and importers all call these."""
