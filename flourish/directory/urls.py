from django.urls import path

from flourish.directory import review_views, views

app_name = "directory"
urlpatterns = [
    path("", views.search, name="search"),
    path("suggest/", views.listing_suggest, name="suggest"),
    path("suggest/thanks/", views.listing_suggested, name="suggested"),
    path("suggestions/", review_views.suggestion_list, name="suggestion_list"),
    path(
        "suggestions/<str:listing_id>/",
        review_views.suggestion_review,
        name="suggestion_review",
    ),
    path(
        "suggestions/<str:listing_id>/approve/",
        review_views.suggestion_approve,
        name="suggestion_approve",
    ),
    path(
        "suggestions/<str:listing_id>/merge/",
        review_views.suggestion_merge,
        name="suggestion_merge",
    ),
    path(
        "suggestions/<str:listing_id>/reject/",
        review_views.suggestion_reject,
        name="suggestion_reject",
    ),
    path("import/", views.listing_import, name="import"),
    path("import/confirm/", views.listing_import_confirm, name="import_confirm"),
    path("groups/<str:listing_id>/", views.listing_detail, name="listing"),
    path("groups/<str:listing_id>/claim/", views.listing_claim, name="claim"),
    path("groups/<str:listing_id>/calendar.ics", views.listing_calendar, name="listing_calendar"),
    path("groups/<str:listing_id>/edit/", views.listing_edit, name="listing_edit"),
    path("groups/<str:listing_id>/confirm/", views.listing_confirm, name="listing_confirm"),
    path("groups/<str:listing_id>/offers/new/", views.offer_add, name="offer_add"),
    path("claim/<str:token>/", views.listing_claim_complete, name="claim_complete"),
    path("offers/<str:offer_id>/", views.offer_detail, name="offer"),
    path("offers/<str:offer_id>/edit/", views.offer_edit, name="offer_edit"),
    path("offers/<str:offer_id>/calendar.ics", views.offer_calendar, name="offer_calendar"),
]
