"""Timebank pages, one module per area."""
