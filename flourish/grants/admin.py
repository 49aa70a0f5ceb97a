"""Operators can look at grants in the admin; changes go through the services and pages,
so decisions, awards and payments are read-only here."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from flourish.core.admin import SensitiveReadAuditedAdmin
from flourish.grants.models import (
    Application,
    Award,
    Decision,
    EligibilityQuestion,
    Payment,
    PlanningSession,
    Programme,
    ProgrammeCategory,
)


class ReadOnlyAdmin(SensitiveReadAuditedAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class CategoryInline(admin.TabularInline):
    model = ProgrammeCategory
    extra = 0


class EligibilityQuestionInline(admin.StackedInline):
    model = EligibilityQuestion
    extra = 0


class PlanningSessionInline(admin.TabularInline):
    model = PlanningSession
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title", "funder", "kind", "max_grant_pence", "opens_on", "closes_on"]
    list_select_related = ["funder"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["funder"]
    inlines = [CategoryInline, EligibilityQuestionInline, PlanningSessionInline]


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["pk", "programme", "group", "status", "amount_requested_pence", "submitted_at"]
    list_filter = ["status", "programme"]
    list_select_related = ["programme", "group"]
    search_fields = ["group__name"]
    # Contact details and access needs stay out of the admin: they are sensitive.
    exclude = ["applicant_name", "contact_detail", "access_needs"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["application", "outcome", "decided_by", "created_at"]
    list_select_related = ["application__programme", "application__group", "decided_by"]


@admin.register(Award)
class AwardAdmin(ReadOnlyAdmin):
    list_display = ["application", "amount_pence", "paid_pence", "awarded_on"]
    list_select_related = ["application__programme", "application__group"]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["award", "payee_kind", "paid_to", "supplier_name", "amount_pence", "created_at"]
    list_select_related = ["award__application__programme", "award__application__group", "paid_to"]
