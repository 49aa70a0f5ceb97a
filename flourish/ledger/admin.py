"""Read-only admin: operators can look at the ledger, but only services write to it."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from flourish.ledger.models import LedgerAccount, LedgerEntry, LedgerTransaction


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class EntryInline(admin.TabularInline):
    model = LedgerEntry
    fields = ("account", "amount", "balance_after", "went_past_soft_limit")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(LedgerAccount)
class LedgerAccountAdmin(ReadOnlyAdmin):
    list_display = ["name", "purpose", "unit", "balance", "floor", "soft_limit", "owner_type"]
    list_filter = ["unit", "purpose"]
    search_fields = ["name", "purpose"]


@admin.register(LedgerTransaction)
class LedgerTransactionAdmin(ReadOnlyAdmin):
    list_display = ["posted_at", "description", "idempotency_key", "reverses", "actor"]
    list_filter = ["went_past_soft_limit"]
    search_fields = ["idempotency_key", "description"]
    list_select_related = ["reverses", "actor"]
    inlines = [EntryInline]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["id", "transaction", "account", "amount", "balance_after"]
    list_filter = ["went_past_soft_limit", "account__unit"]
    list_select_related = ["transaction", "account"]
    # A plain count on millions of entries is slow; the admin does not need an exact total.
    show_full_result_count = False
