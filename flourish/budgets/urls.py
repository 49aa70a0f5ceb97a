from django.urls import path

from flourish.budgets.views import (
    bookings,
    brokers,
    budgets,
    councils,
    outside,
    pools,
    statements,
)

app_name = "budgets"
urlpatterns = [
    path("", budgets.index, name="index"),
    path("<int:pk>/", budgets.home, name="home"),
    path("<int:pk>/plan/", budgets.plan, name="plan"),
    path("<int:pk>/offers/", bookings.offers, name="offers"),
    path("<int:pk>/offers/<uuid:offer_id>/book/", bookings.book, name="book"),
    path("<int:pk>/bookings/<int:booking_pk>/", bookings.booking, name="booking"),
    path(
        "<int:pk>/bookings/<int:booking_pk>/cancel/",
        bookings.booking_cancel,
        name="booking_cancel",
    ),
    path("<int:pk>/brokers/", brokers.brokers, name="brokers"),
    path(
        "<int:pk>/brokers/<int:consent_pk>/withdraw/",
        brokers.broker_withdraw_view,
        name="broker_withdraw",
    ),
    path("<int:pk>/pools/", pools.pools, name="pools"),
    path("pools/<int:pool_pk>/", pools.pool, name="pool"),
    path("pools/<int:pool_pk>/propose/", pools.proposal_new, name="proposal_new"),
    path(
        "pools/<int:pool_pk>/propose/<uuid:offer_id>/", pools.proposal_offer, name="proposal_offer"
    ),
    path(
        "pools/<int:pool_pk>/proposals/<int:proposal_pk>/vote/",
        pools.proposal_vote,
        name="proposal_vote",
    ),
    path(
        "pools/<int:pool_pk>/proposals/<int:proposal_pk>/what-came-of-it/",
        pools.proposal_outcome,
        name="proposal_outcome",
    ),
    path("pools/<int:pool_pk>/leave/", pools.pool_leave, name="pool_leave"),
    path("pools/join/<uuid:code>/", pools.pool_join, name="pool_join"),
    path("receipts/<int:booking_pk>/", bookings.receipt, name="receipt"),
    path("receipts/<int:booking_pk>/invoice/", bookings.invoice, name="invoice"),
    path("groups/<slug:slug>/", bookings.group_bookings, name="group_bookings"),
    path(
        "groups/<slug:slug>/<int:booking_pk>/<slug:action>/",
        bookings.group_booking_act,
        name="group_booking_act",
    ),
    path("council/<slug:slug>/", budgets.council, name="council"),
    path("council/<slug:slug>/new/", budgets.budget_new, name="budget_new"),
    path("council/<slug:slug>/overview/", budgets.council_overview, name="council_overview"),
    path(
        "council/<slug:slug>/statements/",
        statements.council_statements,
        name="council_statements",
    ),
    path(
        "council/<slug:slug>/statements/<str:period>/",
        statements.council_statement_made,
        name="council_statement_made",
    ),
    path("council/<slug:slug>/threshold/", councils.council_threshold, name="council_threshold"),
    path("council/<slug:slug>/columns/", councils.council_columns, name="council_columns"),
    path("council/<slug:slug>/sent/", councils.council_sent, name="council_sent"),
    path("<int:pk>/statement/", statements.statement, name="statement"),
    path(
        "<int:pk>/statement/lines/<int:entry_pk>/note/",
        statements.statement_note,
        name="statement_note",
    ),
    path("<int:pk>/spent-outside/", outside.spent_outside, name="spent_outside"),
    path(
        "<int:pk>/spent-outside/<int:spending_pk>/receipt/",
        outside.outside_receipt,
        name="outside_receipt",
    ),
]
