"""Outcomes are the person's own: the admin lists instruments only, never goals or scores.
Instruments are loaded with `instrument_load`, which checks the whole file, so the admin
only reads them."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from flourish.outcomes.models import Instrument


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "version")
    readonly_fields = ("slug", "name", "version", "licence", "definition")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
