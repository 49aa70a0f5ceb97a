"""Open Referral UK 3.0 API, mounted at /openreferral/ (one stub for every endpoint)."""

from django.urls import path

from flourish.directory.api import views

app_name = "openreferral"
urlpatterns = [
    path("", views.root, name="root"),
    path("openapi.json", views.openapi, name="openapi"),
    path("services", views.services, name="services"),
    path("services/<str:service_id>", views.service_detail, name="service"),
    path("service_at_locations", views.service_at_locations, name="service_at_locations"),
    path(
        "service_at_locations/<str:link_id>",
        views.service_at_location_detail,
        name="service_at_location",
    ),
    path("taxonomies", views.taxonomies, name="taxonomies"),
    path("taxonomies/<str:taxonomy_id>", views.taxonomy_detail, name="taxonomy"),
    path("taxonomy_terms", views.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:term_id>", views.taxonomy_term_detail, name="taxonomy_term"),
    # Anything else under the API is answered in JSON too, with the paths it does have.
    path("<path:rest>", views.no_such_path, name="no_such_path"),
]
