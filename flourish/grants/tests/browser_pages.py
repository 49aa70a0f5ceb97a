"""Grants pages for the browser suite (tests/browser): axe-core, reflow at 320px, Urdu.

Funder staff pages are seen by the administrator persona (who has an authenticator
app, as staff must) made staff of the programme's funder for the visit."""

import datetime

from django.urls import reverse

from flourish.accounts.factories import MembershipFactory
from flourish.accounts.models import Role
from tests.browser.pages import ADMINISTRATOR, ANONYMOUS, MEMBER, Page, Scene


def _programme():
    from flourish.grants.factories import EligibilityQuestionFactory, ProgrammeFactory

    programme = ProgrammeFactory(slug="browser-fund", title="Keep Connected Fund")
    if not programme.eligibility_questions.exists():
        EligibilityQuestionFactory(programme=programme, position=1)
    return programme


def _application(scene: Scene, **kwargs):
    from flourish.grants.factories import application_with_lines

    return application_with_lines(
        programme=_programme(), group=scene.group, submitted_by=scene.person, **kwargs
    )


def _staff(scene: Scene):
    programme = _programme()
    MembershipFactory(user=scene.person, organisation=programme.funder, role=Role.FUNDER_STAFF)
    return programme


def _awarded(scene: Scene):
    from flourish.grants.factories import AwardFactory

    application = _application(scene, status="awarded")
    AwardFactory(application=application, programme=application.programme, conditions="Tell us.")
    return application


def _staff_application(scene: Scene, status: str = "submitted"):
    from flourish.grants.factories import application_with_lines

    return application_with_lines(programme=_staff(scene), status=status)


def _panel(scene: Scene) -> str:
    from flourish.grants.services.panels import panel_create

    application = _staff_application(scene, status="shortlisted")
    panel = panel_create(
        programme=application.programme,
        actor=scene.person,
        title="June panel",
        meets_on=datetime.date(2026, 6, 3),
        quorum=1,
        members=[scene.person],
    )
    return reverse("grants:panel_application", args=[panel.pk, application.pk])


def _sessions(scene: Scene) -> str:
    from django.utils import timezone

    from flourish.grants.models import PlanningSession

    programme = _programme()
    PlanningSession.objects.create(
        programme=programme, starts_at=timezone.now() + datetime.timedelta(days=7), place="Online"
    )
    return reverse("grants:planning_sessions", args=[programme.slug])


def _business_plan(scene: Scene) -> str:
    programme = _programme()
    programme.business_plan_questions = ["What is your idea?", "Who will use it?"]
    programme.save()
    return reverse("grants:business_plan", args=[_application(scene, status="draft").pk])


PAGES = [
    Page("grants planning sessions", MEMBER, _sessions),
    Page("grants business plan", MEMBER, _business_plan),
    Page("grants programmes", ANONYMOUS, lambda s: reverse("grants:programme_list")),
    Page(
        "grants programme",
        ANONYMOUS,
        lambda s: reverse("grants:programme_detail", args=[_programme().slug]),
    ),
    Page(
        "grants eligibility question",
        ANONYMOUS,
        lambda s: reverse("grants:eligibility", args=[_programme().slug, 1]),
    ),
    Page(
        "grants who we funded",
        ANONYMOUS,
        lambda s: reverse("grants:funded", args=[_programme().slug]),
    ),
    Page(
        "grants before you start",
        MEMBER,
        lambda s: reverse("grants:application_start", args=[_programme().slug]),
    ),
    Page(
        "grants question",
        MEMBER,
        lambda s: reverse(
            "grants:question", args=[_application(s, status="draft").pk, "how-to-reach-you"]
        ),
    ),
    Page(
        "grants money question",
        MEMBER,
        lambda s: reverse("grants:money", args=[_application(s, status="draft").pk]),
    ),
    Page(
        "grants check your answers",
        MEMBER,
        lambda s: reverse("grants:check_answers", args=[_application(s, status="draft").pk]),
    ),
    Page("grants your applications", MEMBER, lambda s: reverse("grants:my_applications")),
    Page(
        "grants status and award letter",
        MEMBER,
        lambda s: reverse("grants:application_status", args=[_awarded(s).pk]),
    ),
    Page("grants report back", MEMBER, lambda s: reverse("grants:report", args=[_awarded(s).pk])),
    Page("grants manage", ADMINISTRATOR, lambda s: _staff(s) and reverse("grants:manage")),
    Page(
        "grants staff application list",
        ADMINISTRATOR,
        lambda s: reverse(
            "grants:programme_applications", args=[_staff_application(s).programme.slug]
        ),
    ),
    Page(
        "grants dashboard",
        ADMINISTRATOR,
        lambda s: reverse("grants:dashboard", args=[_staff(s).slug]),
    ),
    Page(
        "grants review",
        ADMINISTRATOR,
        lambda s: reverse("grants:review", args=[_staff_application(s).pk]),
    ),
    Page(
        "grants sift",
        ADMINISTRATOR,
        lambda s: reverse("grants:sift", args=[_staff_application(s).pk]),
    ),
    Page(
        "grants decision",
        ADMINISTRATOR,
        lambda s: reverse("grants:decide", args=[_staff_application(s).pk]),
    ),
    Page(
        "grants apply by phone",
        ADMINISTRATOR,
        lambda s: reverse("grants:apply_on_behalf", args=[_staff(s).slug]),
    ),
    Page(
        "grants log a conversation",
        ADMINISTRATOR,
        lambda s: reverse("grants:conversation", args=[_staff_application(s).pk]),
    ),
    Page("grants panel vote", ADMINISTRATOR, _panel),
]
