"""The outcomes pages."""
