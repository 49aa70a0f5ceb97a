"""Operators see timebanks and members here; every change a person makes goes through the
pages and services, so balances and history are only ever moved by the ledger."""

from django.contrib import admin

from flourish.timebank.models import Timebank, TimebankMember


@admin.register(Timebank)
class TimebankAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "floor_minutes", "soft_limit_minutes", "auto_confirm"]
    search_fields = ["name", "slug"]
    readonly_fields = ["organisation", "slug", "floor_minutes", "soft_limit_minutes"]
    # Partner timebanks are agreed by their coordinators (the partner timebanks page); an
    # operator can also set them here.
    filter_horizontal = ["partners"]


@admin.register(TimebankMember)
class TimebankMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "timebank", "status", "area"]
    list_filter = ["status"]
    search_fields = ["user__name", "user__email"]

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False
