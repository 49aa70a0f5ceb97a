from django.urls import path

from flourish.outcomes.models import LinkKind
from flourish.outcomes.views import checkins, goals, groups, links, sharing, totals

app_name = "outcomes"
urlpatterns = [
    path("", goals.home, name="home"),
    path("goals/new/", goals.goal_new, name="goal_new"),
    path("goals/<int:pk>/", goals.goal_detail, name="goal"),
    path("goals/<int:pk>/review/", goals.goal_review, name="goal_review"),
    path("goals/<int:pk>/reword/", goals.goal_reword, name="goal_reword"),
    path("goals/<int:pk>/replace/", goals.goal_replace, name="goal_replace"),
    path("goals/<int:pk>/reminder/", goals.goal_reminder, name="goal_reminder"),
    path("goals/<int:pk>/in-totals/", totals.goal_in_totals, name="goal_in_totals"),
    path("goals/<int:pk>/share-with-group/", groups.goal_share_group, name="goal_share_group"),
    path("goals/<int:pk>/<slug:move>/", goals.goal_move, name="goal_move"),
    path("goals/<int:pk>/helpers/new/", sharing.helper_invite, name="helper_invite"),
    path(
        "goals/<int:pk>/helpers/<int:invitation_pk>/withdraw/",
        sharing.helper_withdraw,
        name="helper_withdraw",
    ),
    path("who-has-looked/", sharing.looked, name="looked"),
    path("check-in/", checkins.checkin_list, name="checkin_list"),
    path("check-in/<slug:slug>/", checkins.checkin_new, name="checkin_new"),
    path("check-ins/", checkins.checkins, name="checkins"),
    path("check-ins/<slug:slug>/share/", checkins.series_share, name="series_share"),
    path(
        "check-ins/<slug:slug>/share/<int:share_pk>/withdraw/",
        checkins.series_share_withdraw,
        name="series_share_withdraw",
    ),
    path("shared-check-ins/<int:share_pk>/", checkins.series_shared, name="series_shared"),
    path(
        "serves/support-plans/<int:pk>/",
        links.goals_serving,
        {"kind": LinkKind.SUPPORT_PLAN},
        name="serves_support_plan",
    ),
    path(
        "serves/pool-proposals/<int:pk>/",
        links.goals_serving,
        {"kind": LinkKind.POOL_PROPOSAL},
        name="serves_pool_proposal",
    ),
    path(
        "serves/mentoring-pairs/<int:pk>/",
        links.goals_serving,
        {"kind": LinkKind.MENTORING_PAIR},
        name="serves_mentoring_pair",
    ),
    path(
        "serves/grant-applications/<int:pk>/",
        links.goals_serving,
        {"kind": LinkKind.GRANT_APPLICATION},
        name="serves_grant_application",
    ),
    path(
        "check-ins/<slug:slug>/share-with-group/",
        groups.series_share_group,
        name="series_share_group",
    ),
    path(
        "group-shares/<int:share_pk>/withdraw/",
        groups.group_share_withdraw,
        name="group_share_withdraw",
    ),
    path("group-check-ins/<int:share_pk>/", groups.group_series, name="group_series"),
    path("totals/", totals.totals, name="totals"),
    path("totals/programmes/<slug:slug>/", totals.programme_totals, name="programme_totals"),
    path("totals/groups/<slug:slug>/", totals.group_totals, name="group_totals"),
    path("totals/councils/<slug:slug>/", totals.council_totals, name="council_totals"),
    path("totals/timebanks/<slug:slug>/", totals.timebank_totals, name="timebank_totals"),
    path(
        "totals/timebanks/<slug:slug>/schemes/<slug:scheme_slug>/",
        totals.scheme_totals,
        name="scheme_totals",
    ),
]
