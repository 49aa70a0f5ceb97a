from django.urls import path

from flourish.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.search, name="search"),
    path("suggest/", views.listing_suggest, name="suggest"),
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
