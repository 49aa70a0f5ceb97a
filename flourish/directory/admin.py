from collections.abc import Mapping
from typing import Any

from django.contrib import admin
from django.db import models

from flourish.core.admin import SensitiveReadAuditedAdmin
from flourish.directory.models import Listing, Offer, Place, Schedule, Taxonomy, TaxonomyTerm

# A link typed without its scheme is read as https, as on the directory's own forms.
LINKS_ARE_HTTPS: Mapping[type[models.Field[Any, Any]], Mapping[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}
}


@admin.register(Listing)
class ListingAdmin(SensitiveReadAuditedAdmin):
    # A suggester's email address is personal data: opening a listing here is audited.
    list_display = ["name", "area_outward_code", "local_authority", "state", "last_confirmed_at"]
    list_filter = ["state", "legal_form"]
    search_fields = ["name", "area_outward_code"]
    raw_id_fields = ["organisation", "suggested_by", "merged_into"]
    formfield_overrides = LINKS_ARE_HTTPS


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["name", "listing", "kind", "cost", "personal_budget"]
    list_filter = ["kind", "cost", "personal_budget"]
    search_fields = ["name"]
    raw_id_fields = ["listing"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "outward_code", "local_authority", "is_public_venue"]
    raw_id_fields = ["listing"]


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin):
    list_display = ["offer", "weekday", "opens_at", "closes_at", "frequency"]
    list_select_related = ["offer"]
    raw_id_fields = ["offer"]


@admin.register(Taxonomy)
class TaxonomyAdmin(admin.ModelAdmin):
    formfield_overrides = LINKS_ARE_HTTPS


admin.site.register(TaxonomyTerm)
