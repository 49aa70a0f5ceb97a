from django.urls import path

from flourish.learning.views import circles, groups, guides, meetups, support

app_name = "learning"
urlpatterns = [
    path("", guides.index, name="index"),
    path("guides/<slug:slug>/", guides.guide, name="guide"),
    path("write/", guides.write, name="write"),
    path("write/new/", guides.guide_new, name="guide_new"),
    path("write/<slug:slug>/<slug:language>/", guides.guide_edit, name="guide_edit"),
    path(
        "write/<slug:slug>/<slug:language>/<int:number>/publish/",
        guides.guide_publish,
        name="guide_publish",
    ),
    path("groups/<slug:slug>/", groups.group_home, name="group"),
    path(
        "groups/<slug:slug>/prompts/<int:pk>/<slug:answer>/",
        groups.prompt_answer,
        name="prompt_answer",
    ),
    path("groups/<slug:slug>/emails/", groups.prompt_emails, name="prompt_emails"),
    path("groups/<slug:slug>/health-check/", support.health_check, name="health_check"),
    path(
        "groups/<slug:slug>/health-check/<int:pk>/",
        support.health_check_answers,
        name="health_check_answers",
    ),
    path(
        "groups/<slug:slug>/health-check/<int:pk>/share/",
        support.health_check_share,
        name="health_check_share",
    ),
    path(
        "groups/<slug:slug>/health-check/<int:pk>/share/<int:share_pk>/withdraw/",
        support.health_check_share_withdraw,
        name="health_check_share_withdraw",
    ),
    path("shared-health-checks/", support.shared_with_me, name="shared_health_checks"),
    path(
        "groups/<slug:slug>/support-organisation/",
        groups.support_organisation,
        name="support_organisation",
    ),
    path("groups/<slug:slug>/support/new/", support.support_ask, name="support_ask"),
    path("support/", support.support_list, name="support_list"),
    path("support/<int:pk>/", support.support_request, name="support_request"),
    path("support/<int:pk>/take-on/", support.support_take_on, name="support_take_on"),
    path("support/<int:pk>/notes/", support.support_note, name="support_note"),
    path("support/<int:pk>/how-it-went/", support.support_how_it_went, name="support_how_it_went"),
    path("circles/", circles.circle_list, name="circles"),
    path("circles/<slug:slug>/", circles.circle, name="circle"),
    path("circles/<slug:slug>/join/", circles.circle_join, name="circle_join"),
    path("circles/<slug:slug>/reports/", circles.circle_reports, name="circle_reports"),
    path("circles/<slug:slug>/moderators/", circles.circle_moderators, name="circle_moderators"),
    path("circles/<slug:slug>/new/", circles.thread_new, name="thread_new"),
    path("circles/<slug:slug>/conversations/<int:pk>/", circles.thread, name="thread"),
    path("circles/<slug:slug>/replies/<int:pk>/report/", circles.reply_report, name="reply_report"),
    path("circles/<slug:slug>/replies/<int:pk>/hide/", circles.reply_hide, name="reply_hide"),
    path(
        "circles/<slug:slug>/conversations/<int:pk>/hide/",
        circles.thread_hide,
        name="thread_hide",
    ),
    path("circles/<slug:slug>/invite/", meetups.circle_invite, name="circle_invite"),
    path("circle-invitations/<slug:secret>/", meetups.invitation, name="invitation"),
    path("circles/<slug:slug>/meetups/new/", meetups.meetup_new, name="meetup_new"),
    path("circles/<slug:slug>/meetups/<int:pk>.ics", meetups.meetup_ics, name="meetup_ics"),
    path("circles/<slug:slug>/digest/", meetups.digest_set, name="digest_set"),
    path("circles/<slug:slug>/calendar/renew/", meetups.calendar_renew, name="calendar_renew"),
    path("calendars/<slug:secret>.ics", meetups.calendar_feed, name="calendar_feed"),
]
