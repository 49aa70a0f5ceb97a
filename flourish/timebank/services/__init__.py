"""Writes for the timebank, one module per area."""
