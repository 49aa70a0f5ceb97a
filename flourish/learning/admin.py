"""Guides, prompts, support and circles are all written through the pages and services,
so every change is audited; operators have nothing to do here."""
