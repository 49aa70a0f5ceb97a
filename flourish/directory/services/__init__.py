"""Writes for the directory: `listings` (groups' entries) and `offers` (what they offer)."""
