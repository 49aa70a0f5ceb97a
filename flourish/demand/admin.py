"""Operators see services and boards here; every change a person makes goes through the
pages and services, so each is checked and audited."""

from django.contrib import admin

from flourish.demand.models import Board, Service


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(Service)
class ServiceAdmin(ReadOnlyAdmin):
    list_display = ["name", "organisation", "chart_is_public"]
    search_fields = ["name", "slug"]


@admin.register(Board)
class BoardAdmin(ReadOnlyAdmin):
    list_display = ["name", "organisation", "is_public"]
    search_fields = ["name", "slug"]
