"""Authentication (who is asking) and authorisation (what they may do)."""
