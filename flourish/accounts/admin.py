"""The Django admin for operators. Encrypted fields stay out of every list, and
opening a person's record (which shows them) is written to the audit trail."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from flourish.accounts.models import Consent, Membership, Organisation, User
from flourish.core.admin import SensitiveReadAuditedAdmin


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["organisation"]


class OrganisationMembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "organisation"
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(User)
class UserAdmin(SensitiveReadAuditedAdmin):
    list_display = ["email", "name", "contact_route", "is_active", "is_staff", "date_joined"]
    list_filter = ["is_active", "is_staff", "contact_route", "memberships__role"]
    search_fields = ["email", "name"]
    ordering = ["email"]
    inlines = [MembershipInline]
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["email", "name", "is_active"]}),
        (
            "Preferences (phone and access needs are encrypted at rest)",
            {"fields": ["preferred_language", "contact_route", "phone", "access_needs"]},
        ),
        ("Operator access", {"fields": ["is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]

    # Deleting a person is erasure, which must keep money and time balanced and some
    # grant records for a time: the admin sends staff to the one erasure page.
    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        return redirect("accounts:person_erase", pk=object_id)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "charity_number", "company_number"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OrganisationMembershipInline]


@admin.register(Consent)
class ConsentAdmin(SensitiveReadAuditedAdmin):
    list_display = ["given_by", "granted_to", "organisation", "scope", "method", "withdrawn_at"]
    list_filter = ["scope", "method"]
    search_fields = ["given_by__email", "granted_to__email", "organisation__name"]
    raw_id_fields = ["given_by", "granted_to", "recorded_by"]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["created_at", "withdrawn_at"]

    # Consents are recorded and withdrawn only through the services, so each
    # change is checked and audited; the admin can look but not touch.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
