from django.urls import path

from flourish.timebank.views import (
    coordinating,
    exchanges,
    imports,
    listings,
    members,
    mentoring,
    pages,
    reports,
)

app_name = "timebank"
urlpatterns = [
    path("", members.index, name="index"),
    path("<slug:slug>/", members.home, name="home"),
    path("<slug:slug>/join/", members.join, name="join"),
    path("<slug:slug>/statement/", members.statement, name="statement"),
    path("<slug:slug>/give/", members.give, name="give"),
    path("<slug:slug>/leave/", members.leave, name="leave"),
    path("<slug:slug>/offers/", listings.search, name="search"),
    path("<slug:slug>/offers/new/", listings.listing_new, name="listing_new"),
    path("<slug:slug>/offers/<int:pk>/", listings.listing_detail, name="listing"),
    path("<slug:slug>/exchanges/record/", exchanges.record_directly, name="record"),
    path("<slug:slug>/exchanges/<int:pk>/", exchanges.exchange_detail, name="exchange"),
    path(
        "<slug:slug>/exchanges/<int:pk>/<slug:action>/", exchanges.exchange_act, name="exchange_act"
    ),
    path("<slug:slug>/coordinate/", coordinating.dashboard, name="dashboard"),
    path("<slug:slug>/coordinate/members/", coordinating.members, name="members"),
    path("<slug:slug>/coordinate/members/new/", coordinating.join_by_phone, name="join_by_phone"),
    path("<slug:slug>/coordinate/members/<int:pk>/", coordinating.member_detail, name="member"),
    path(
        "<slug:slug>/coordinate/members/<int:pk>/approve/",
        coordinating.member_approve,
        name="approve",
    ),
    path("<slug:slug>/coordinate/members/<int:pk>/pot/", pages.pot_draw_page, name="pot_draw"),
    path("<slug:slug>/coordinate/members/<int:pk>/refer/", pages.refer, name="refer"),
    path("<slug:slug>/coordinate/partners/", pages.partner_list, name="partners"),
    path(
        "<slug:slug>/coordinate/partners/<int:pk>/<slug:action>/",
        pages.partner_act,
        name="partner_act",
    ),
    path("<slug:slug>/coordinate/settings/", coordinating.settings, name="settings"),
    path("<slug:slug>/coordinate/report/", reports.report, name="report"),
    path("<slug:slug>/coordinate/import/", imports.import_members, name="import"),
    path("<slug:slug>/coordinate/import/confirm/", imports.import_confirm, name="import_confirm"),
    path("<slug:slug>/mentoring/<slug:scheme_slug>/", mentoring.scheme, name="scheme"),
    path(
        "<slug:slug>/mentoring/<slug:scheme_slug>/mentor/",
        mentoring.mentor_apply,
        name="mentor_apply",
    ),
    path("<slug:slug>/mentoring/<slug:scheme_slug>/ask/", mentoring.mentee_ask, name="mentee_ask"),
    path(
        "<slug:slug>/mentoring/<slug:scheme_slug>/mentors/<int:pk>/approve/",
        mentoring.mentor_approve,
        name="mentor_approve",
    ),
    path(
        "<slug:slug>/mentoring/<slug:scheme_slug>/waiting/<int:pk>/",
        mentoring.suggestions,
        name="suggestions",
    ),
    path("<slug:slug>/mentoring/<slug:scheme_slug>/pairs/<int:pk>/", mentoring.pair, name="pair"),
    path(
        "<slug:slug>/mentoring/<slug:scheme_slug>/pairs/<int:pk>/<slug:action>/",
        mentoring.pair_act,
        name="pair_act",
    ),
]
