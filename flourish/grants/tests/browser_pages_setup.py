"""Programme set-up, budget and holding-partner pages for the browser suite (axe-core, 320px,
Urdu). Staff pages are seen by the administrator persona made staff of the funder."""

from django.urls import reverse

from flourish.accounts.factories import MembershipFactory
from flourish.accounts.models import Role
from tests.browser.pages import ADMINISTRATOR, MEMBER, Page, Scene


def _programme(scene: Scene, *, as_staff: bool = True):
    from flourish.grants.factories import EligibilityQuestionFactory, ProgrammeFactory

    programme = ProgrammeFactory(slug="setup-fund", title="Walk and Talk Fund")
    if not programme.eligibility_questions.exists():
        EligibilityQuestionFactory(programme=programme, position=1)
    if as_staff:
        MembershipFactory(user=scene.person, organisation=programme.funder, role=Role.FUNDER_STAFF)
    return programme


def _held_award(scene: Scene, *, at_partner: bool = True):
    """A grant to the scene's group, held and paid to a holding partner (where the scene's
    person works, unless they are the group's member)."""
    from flourish.accounts.factories import UserFactory
    from flourish.grants.factories import application_with_lines, holding_partner_for
    from flourish.grants.models import Stage
    from flourish.grants.services.decisions import award_make
    from flourish.grants.services.payments import award_pay

    programme = _programme(scene, as_staff=False)
    programme.stages = [Stage.DECISION]
    programme.save(update_fields=["stages"])
    partner = holding_partner_for(programme.funder)
    if at_partner:
        MembershipFactory(user=scene.person, organisation=partner, role=Role.HOLDING_PARTNER)
    application = application_with_lines(
        programme=programme, group=scene.group, submitted_by=scene.person
    )
    staff = UserFactory(email="browser.staff@example.org")
    award = award_make(
        application=application, actor=staff, amount_pence=15_000, holding_partner=partner
    )
    award_pay(award=award, actor=staff, idempotency_key=f"browser-{award.pk}")
    return award


SETUP_PAGES = [
    Page(
        "grants programme set-up",
        ADMINISTRATOR,
        lambda s: reverse("grants:programme_setup", args=[_programme(s).slug]),
    ),
    Page(
        "grants new programme",
        ADMINISTRATOR,
        lambda s: reverse("grants:programme_new", args=[_programme(s).funder.slug]),
    ),
    Page(
        "grants programme stages",
        ADMINISTRATOR,
        lambda s: reverse("grants:programme_section", args=[_programme(s).slug, "stages"]),
    ),
    Page(
        "grants eligibility questions set-up",
        ADMINISTRATOR,
        lambda s: reverse("grants:programme_questions", args=[_programme(s).slug]),
    ),
    Page(
        "grants kinds of spending set-up",
        ADMINISTRATOR,
        lambda s: reverse("grants:programme_categories", args=[_programme(s).slug]),
    ),
    Page(
        "grants budget",
        ADMINISTRATOR,
        lambda s: reverse("grants:budget", args=[_programme(s).slug]),
    ),
    Page(
        "grants holding partners",
        ADMINISTRATOR,
        lambda s: reverse("grants:holding_partners", args=[_programme(s).funder.slug]),
    ),
    Page(
        "grants money a partner holds",
        ADMINISTRATOR,
        lambda s: reverse("grants:holding_partner", args=[_held_award(s).holding_partner.slug]),
    ),
    Page(
        "grants record money passed on",
        ADMINISTRATOR,
        lambda s: reverse(
            "grants:held_money_record",
            args=[(award := _held_award(s)).holding_partner.slug, award.pk],
        ),
    ),
    Page(
        "grants where the group's money is",
        MEMBER,
        lambda s: reverse(
            "grants:application_status", args=[_held_award(s, at_partner=False).application_id]
        ),
    ),
]
