"""From the seeded demo data, through the pages alone: staff set up a programme with an
eligibility question and open it, put money into its budget, award a grant to a group with
a holding partner and pay the partner; the partner passes some on; the group sees where its
money is."""

import io

import pytest
from django.urls import reverse

from flourish.accounts import demo as accounts_demo
from flourish.accounts.models import Organisation, User
from flourish.accounts.tests.two_step import with_authenticator
from flourish.grants import demo as grants_demo
from flourish.grants.forms import QUESTION_SLUGS
from flourish.grants.models import Application, Programme, Stage
from flourish.ledger import demo as ledger_demo

pytestmark = pytest.mark.django_db

ANSWERS = {
    "about-you": {"applicant_name": "Priya Organiser", "applicant_role": "I started it"},
    "your-group": {"group_name": "Peer Support Bradford", "local_authority": "Bradford"},
    "what-you-want-to-do": {"what_you_want_to_do": "A weekly walk and talk group."},
    "who-it-helps": {"who_it_helps": "Twenty people who live alone."},
    "when": {"when": "From March"},
    "how-to-reach-you": {"contact_route": "phone", "contact_detail": "07700 900123"},
    "access-needs": {"access_needs": ""},
}


@pytest.fixture
def demo():
    for module in (accounts_demo, ledger_demo, grants_demo):
        module.build(io.StringIO())


def _staff_sets_up_and_funds_a_programme(client) -> Programme:
    client.force_login(with_authenticator(User.objects.get(email="funder@example.org")))
    manage = client.get(reverse("grants:manage")).content.decode()
    new_url = reverse("grants:programme_new", args=["community-minds-fund"])
    assert new_url in manage
    client.post(
        new_url,
        {
            "kind": "project",
            "title": "Bradford Walk and Talk Fund",
            "description": "Up to £1,000 for groups that walk and talk together.",
            "who_can_apply": "User-led groups in Bradford.",
        },
    )
    programme = Programme.objects.get(title="Bradford Walk and Talk Fund")
    slug = programme.slug
    client.post(
        reverse("grants:programme_section", args=[slug, "amounts"]),
        {"max_grant_pence": "1,000", "report_due_days": "60"},
    )
    client.post(
        reverse("grants:programme_section", args=[slug, "stages"]), {"stages": [Stage.DECISION]}
    )
    client.post(
        reverse("grants:programme_questions", args=[slug]),
        {
            "text": "Is your group led by the people it serves?",
            "ruled_out_by_yes": "no",
            "reason": "This fund is for user-led groups.",
        },
    )
    client.post(
        reverse("grants:programme_section", args=[slug, "phone"]),
        {"contact_phone": "01274 496 000", "contact_hours": "Weekdays, 10am to 4pm"},
    )
    client.post(reverse("grants:programme_publish", args=[slug]))
    budget_url = reverse("grants:budget", args=[slug])
    key = client.get(budget_url).context["form"].initial["idempotency_key"]
    client.post(budget_url, {"idempotency_key": key, "amount": "5,000"})
    dashboard = client.get(reverse("grants:dashboard", args=[slug])).content.decode()
    assert 'id="budget"><bdi dir="ltr">£5,000</bdi><' in dashboard
    return programme


def _organiser_applies(client, programme: Programme) -> Application:
    client.force_login(User.objects.get(email="organiser@example.org"))
    detail = client.get(reverse("grants:programme_detail", args=[programme.slug])).content.decode()
    assert "Check you can apply" in detail
    checked = client.post(
        reverse("grants:eligibility", args=[programme.slug, 1]), {"answer": "yes"}
    )
    started = client.post(checked["Location"])
    application = Application.objects.get(programme=programme)
    assert started["Location"].startswith(
        reverse("grants:application_status", args=[application.pk])
    )
    for slug in QUESTION_SLUGS:
        if slug == "money":
            client.post(
                reverse("grants:money", args=[application.pk]),
                {
                    "category": programme.categories.values_list("pk", flat=True)[0],
                    "description": "Flasks and waterproofs",
                    "amount": "800",
                },
            )
            continue
        client.post(reverse("grants:question", args=[application.pk, slug]), ANSWERS[slug])
    client.post(reverse("grants:check_answers", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == "submitted"
    return application


def test_staff_set_up_fund_and_pay_through_a_holding_partner_and_the_group_sees_its_money(
    client, demo
):
    programme = _staff_sets_up_and_funds_a_programme(client)
    application = _organiser_applies(client, programme)
    partner = Organisation.objects.get(slug="leeds-community-voluntary-services")

    client.force_login(User.objects.get(email="funder@example.org"))
    decide_url = reverse("grants:decide", args=[application.pk])
    assert "Leeds Community Voluntary Services" in client.get(decide_url).content.decode()
    client.post(
        decide_url,
        {
            "outcome": "award",
            "amount": "800",
            "holding_partner": partner.pk,
            "reasons": "A clear plan.",
        },
    )
    pay_url = reverse("grants:pay", args=[application.pk])
    key = client.get(pay_url).context["form"].initial["idempotency_key"]
    client.post(pay_url, {"idempotency_key": key, "payee": "group"})

    client.force_login(User.objects.get(email="partner@example.org"))
    held_page = client.get(reverse("grants:holding_home"), follow=True).content.decode()
    assert "Peer Support Bradford" in held_page
    record_url = reverse("grants:held_money_record", args=[partner.slug, application.award.pk])
    key = client.get(record_url).context["form"].initial["idempotency_key"]
    client.post(
        record_url,
        {
            "idempotency_key": key,
            "kind": "passed_on",
            "amount": "300",
            "description": "Cash for flasks",
        },
    )

    client.force_login(User.objects.get(email="organiser@example.org"))
    status = client.get(reverse("grants:application_status", args=[application.pk]))
    html = status.content.decode()
    assert "Where your money is" in html
    assert "Leeds Community Voluntary Services holds your grant" in html
    for figure in ("£800", "£300", "£500"):
        assert figure in html


def test_the_demo_has_an_open_round_funded_budgets_and_a_holding_partner(client, demo):
    from flourish.grants.money import programme_budget_figures

    open_round = Programme.objects.get(slug="keep-connected-winter-round")
    assert open_round.is_open()
    for slug, pounds in (
        ("keep-connected-fund", 120_000),
        ("ideas-kick-start", 20_000),
        ("ideas-investment", 60_000),
    ):
        programme = Programme.objects.get(slug=slug)
        assert programme_budget_figures(programme=programme).put_in_pence == pounds * 100, slug
    client.force_login(User.objects.get(email="organiser@example.org"))
    drafts = client.get(reverse("grants:my_applications")).content.decode()
    assert "Keep Connected Fund: winter round" in drafts
    client.force_login(User.objects.get(email="partner@example.org"))
    held = client.get(reverse("grants:holding_home"), follow=True).content.decode()
    assert "Peer Support Bradford" in held
