from django.urls import path

from flourish.grants.views import applying, open_data, panels, planning, reviewing

app_name = "grants"
urlpatterns = [
    path("", applying.programme_list, name="programme_list"),
    path("360giving.json", open_data.threesixtygiving_json, name="threesixtygiving_json"),
    path("programmes/<slug:slug>/", applying.programme_detail, name="programme_detail"),
    path(
        "programmes/<slug:slug>/check/<int:number>/",
        applying.eligibility,
        name="eligibility",
    ),
    path("programmes/<slug:slug>/funded/", applying.funded, name="funded"),
    path(
        "programmes/<slug:slug>/business-plan-template.txt",
        planning.business_plan_template,
        name="business_plan_template",
    ),
    path(
        "programmes/<slug:slug>/planning-sessions/",
        planning.planning_sessions,
        name="planning_sessions",
    ),
    path(
        "programmes/<slug:slug>/planning-sessions/<int:pk>/book/",
        planning.planning_session_booking,
        name="planning_session_book",
    ),
    path("applications/<int:pk>/business-plan/", planning.business_plan, name="business_plan"),
    path("programmes/<slug:slug>/apply/", applying.application_begin, name="application_start"),
    path("applications/", applying.my_applications, name="my_applications"),
    path("applications/<int:pk>/", applying.application_status, name="application_status"),
    path("applications/<int:pk>/accept/", applying.accept, name="accept"),
    path("applications/<int:pk>/report/", applying.report, name="report"),
    path("applications/<int:pk>/money/", applying.money, name="money"),
    path(
        "applications/<int:pk>/money/<int:line>/remove/",
        applying.spend_line_delete,
        name="spend_line_remove",
    ),
    path(
        "applications/<int:pk>/check-your-answers/",
        applying.check_answers,
        name="check_answers",
    ),
    path("applications/<int:pk>/<slug:question>/", applying.question, name="question"),
    path("manage/", reviewing.manage, name="manage"),
    path(
        "manage/programmes/<slug:slug>/applications/",
        reviewing.programme_applications,
        name="programme_applications",
    ),
    path("manage/programmes/<slug:slug>/dashboard/", reviewing.dashboard, name="dashboard"),
    path("manage/applications/<int:pk>/", reviewing.review, name="review"),
    path("manage/applications/<int:pk>/sift/", reviewing.sift, name="sift"),
    path("manage/applications/<int:pk>/attachment/", reviewing.attachment, name="attachment"),
    path("manage/applications/<int:pk>/assign/", reviewing.assign, name="assign"),
    path(
        "manage/applications/<int:pk>/conversations/new/",
        reviewing.conversation,
        name="conversation",
    ),
    path("manage/applications/<int:pk>/recommendation/", reviewing.recommend, name="recommend"),
    path("manage/applications/<int:pk>/shortlist/", reviewing.shortlist, name="shortlist"),
    path("manage/applications/<int:pk>/decision/", reviewing.decide, name="decide"),
    path("manage/applications/<int:pk>/pay/", reviewing.pay, name="pay"),
    path(
        "manage/applications/<int:pk>/acceptance/",
        reviewing.record_acceptance,
        name="record_acceptance",
    ),
    path(
        "manage/programmes/<slug:slug>/apply-for-a-group/",
        reviewing.apply_on_behalf,
        name="apply_on_behalf",
    ),
    path("manage/programmes/<slug:slug>/panels/new/", panels.panel_new, name="panel_new"),
    path("manage/panels/<int:pk>/", panels.panel_pack, name="panel_pack"),
    path(
        "manage/panels/<int:pk>/applications/<int:application_pk>/",
        panels.panel_application,
        name="panel_application",
    ),
]
