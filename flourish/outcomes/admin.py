"""Outcomes are the person's own: the admin shows instruments only, never goals or scores."""

from django.contrib import admin

from flourish.outcomes.models import Instrument


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ("name", "slug", "version")
    readonly_fields = ("slug", "name", "version", "licence", "definition")
