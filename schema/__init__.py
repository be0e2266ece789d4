"""GraphQL types, inputs and enums. Imports models, never resolvers."""
