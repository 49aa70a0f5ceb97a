"""Writes for grants, one module per part of the programme's life."""
