"""Funder staff set up a programme through pages, without the admin."""

import datetime

import pytest
from django.urls import reverse

from flourish.grants.factories import ProgrammeFactory, SpendLineFactory
from flourish.grants.models import Programme, ProgrammeKind, Stage

pytestmark = pytest.mark.django_db


def _setup_url(programme, name="programme_setup", *args):
    return reverse(f"grants:{name}", args=[programme.slug, *args])


def _create(client, funder, kind="project", title="Ideas That Change Lives: Kick-Start"):
    return client.post(
        reverse("grants:programme_new", args=[funder.slug]),
        {
            "kind": kind,
            "title": title,
            "description": "Up to £2,000 to try out an idea.",
            "who_can_apply": "People and groups in Leeds.",
        },
    )


def test_staff_set_up_a_programme_through_pages_and_publish_it(client, staff, funder):
    client.force_login(staff)

    response = _create(client, funder)

    programme = Programme.objects.get(title="Ideas That Change Lives: Kick-Start")
    assert response["Location"] == _setup_url(programme)
    assert not programme.is_published
    assert client.get(reverse("grants:programme_detail", args=[programme.slug])).status_code == 404
    client.post(
        _setup_url(programme, "programme_section", "amounts"),
        {
            "min_grant_pence": "",
            "max_grant_pence": "2,000",
            "award_limit": "",
            "report_due_days": "60",
        },
    )
    client.post(
        _setup_url(programme, "programme_section", "stages"),
        {"stages": [Stage.SIFT, Stage.FOLLOW_UP, Stage.DECISION]},
    )
    client.post(
        _setup_url(programme, "programme_section", "phone"),
        {"contact_phone": "0113 496 0000", "contact_hours": "Weekdays, 10am to 4pm"},
    )
    client.post(
        _setup_url(programme, "programme_questions"),
        {
            "text": "Is your group based in Leeds?",
            "ruled_out_by_yes": "no",
            "reason": "This scheme is for Leeds.",
            "signpost": "Try your own council's community fund.",
        },
    )
    for name in ("Trying the idea out", "Room hire"):
        client.post(_setup_url(programme, "programme_categories"), {"name": name})
    tech = programme.categories.get(name="Technology to keep in touch")
    client.post(_setup_url(programme, "programme_categories"), {"remove": str(tech.pk)})
    client.post(_setup_url(programme, "programme_publish"))

    programme.refresh_from_db()
    assert programme.is_published
    assert programme.max_grant_pence == 200_000 and programme.report_due_days == 60
    assert programme.stages == [Stage.SIFT, Stage.FOLLOW_UP, Stage.DECISION]
    names = list(programme.categories.values_list("name", flat=True))
    assert "Trying the idea out" in names and "Technology to keep in touch" not in names
    page = client.get(reverse("grants:programme_detail", args=[programme.slug])).content.decode()
    assert 'call <span dir="ltr">0113 496 0000</span> (Weekdays, 10am to 4pm)' in page
    assert "Room hire" in page
    question = client.get(reverse("grants:eligibility", args=[programme.slug, 1])).content.decode()
    assert "Is your group based in Leeds?" in question


def test_a_core_funding_programme_is_unrestricted_and_says_so(client, staff, funder):
    client.force_login(staff)

    _create(client, funder, kind=ProgrammeKind.CORE, title="Keep Going Fund")

    programme = Programme.objects.get(title="Keep Going Fund")
    assert programme.is_core_funding
    assert list(programme.categories.values_list("name", flat=True)) == [
        "Running the group (unrestricted)"
    ]
    publish = _setup_url(programme, "programme_publish")
    refused = client.post(publish, follow=True).content.decode()
    assert "Add a phone number people can ring to apply by phone before opening." in refused
    client.post(
        _setup_url(programme, "programme_section", "phone"),
        {"contact_phone": "0113 496 0000", "contact_hours": "Weekdays, 10am to 4pm"},
    )
    client.post(publish)
    page = client.get(reverse("grants:programme_detail", args=[programme.slug])).content.decode()
    assert "This is core funding: spend it on whatever keeps your group going" in page


def test_a_kind_of_spending_an_application_uses_stays_and_says_why(client, staff, programme):
    category = programme.categories.first()
    SpendLineFactory(application__programme=programme, category=category)
    client.force_login(staff)

    response = client.post(
        _setup_url(programme, "programme_categories"), {"remove": str(category.pk)}, follow=True
    )

    assert "Applications already use" in response.content.decode()
    assert programme.categories.filter(pk=category.pk).exists()


@pytest.mark.parametrize(
    ("section", "data", "message"),
    [
        (
            "amounts",
            {"min_grant_pence": "3000", "max_grant_pence": "2000", "report_due_days": "90"},
            "The smallest grant must not be more than the largest.",
        ),
        (
            "dates",
            {"opens_on": "1/9/2027", "closes_on": "1/8/2027"},
            "The closing date must be on or after the opening date.",
        ),
        ("dates", {"opens_on": "31/2/2027", "closes_on": ""}, "Enter a real date"),
        ("stages", {"stages": [Stage.SIFT]}, "Tick the decision"),
        ("phone", {"contact_phone": "abc", "contact_hours": "x"}, "Enter a phone number like"),
    ],
)
def test_a_set_up_page_refuses_what_would_not_work_with_a_message(
    client, staff, programme, section, data, message
):
    client.force_login(staff)

    response = client.post(_setup_url(programme, "programme_section", section), data)

    assert response.status_code == 200
    assert message in response.content.decode()


def test_choosing_a_panel_also_uses_a_shortlist(client, staff, programme):
    client.force_login(staff)

    client.post(
        _setup_url(programme, "programme_section", "stages"),
        {"stages": [Stage.PANEL, Stage.DECISION]},
    )

    programme.refresh_from_db()
    assert programme.stages == [Stage.SHORTLIST, Stage.PANEL, Stage.DECISION]


@pytest.mark.parametrize("who", ["other_staff", "associate", "stranger"])
def test_only_the_funders_staff_can_set_up_its_programmes(client, programme, funder, request, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(_setup_url(programme)).status_code == 404
    assert client.get(_setup_url(programme, "programme_section", "details")).status_code == 404
    assert (
        client.post(_setup_url(programme, "programme_categories"), {"name": "X"}).status_code == 404
    )
    assert client.post(_setup_url(programme, "programme_publish")).status_code == 404
    assert _create(client, funder).status_code == 404
    assert not programme.categories.filter(name="X").exists()


def test_a_closed_programme_says_so_on_the_first_eligibility_page(client, funder, stranger):
    closed = ProgrammeFactory(funder=funder, closes_on=datetime.date(2020, 5, 31))
    closed.eligibility_questions.create(position=1, text="Are you user-led?", reason="r")

    first = client.get(reverse("grants:eligibility", args=[closed.slug, 1])).content.decode()
    client.force_login(stranger)
    before = client.get(reverse("grants:application_start", args=[closed.slug])).content.decode()

    assert "Closed on 31 May 2020" in first
    assert "Are you user-led?" not in first
    assert "Closed on 31 May 2020" in before
    assert "Before you start" not in before


def test_the_leeds_programmes_list_their_own_kinds_of_spending_in_the_demo():
    import io

    from flourish.accounts import demo as accounts_demo
    from flourish.grants import demo as grants_demo
    from flourish.ledger import demo as ledger_demo

    for demo in (accounts_demo, ledger_demo, grants_demo):
        demo.build(io.StringIO())

    kick_start = Programme.objects.get(slug="ideas-kick-start")
    names = set(kick_start.categories.values_list("name", flat=True))
    assert "Room hire" in names and "Technology to keep in touch" not in names


def test_staff_add_another_tier_set_up_from_the_first(client, staff, programme):
    programme.eligibility_questions.create(position=1, text="Are you in Leeds?", reason="r")
    client.force_login(staff)

    response = client.post(
        reverse("grants:programme_tier_new", args=[programme.slug]),
        {"title": "Ideas That Change Lives: Investment"},
    )

    tier = Programme.objects.get(title="Ideas That Change Lives: Investment")
    assert response["Location"] == _setup_url(tier)
    assert not tier.is_published
    assert tier.funder == programme.funder and tier.stages == programme.stages
    assert list(tier.eligibility_questions.values_list("text", flat=True)) == ["Are you in Leeds?"]
    assert tier.categories.count() == programme.categories.count()
    client.post(
        _setup_url(tier, "programme_section", "amounts"),
        {
            "min_grant_pence": "10000",
            "max_grant_pence": "10000",
            "award_limit": "6",
            "report_due_days": "180",
        },
    )
    client.post(_setup_url(tier, "programme_plan_questions"), {"text": "What is your idea?"})
    tier.refresh_from_db()
    assert tier.award_limit == 6 and tier.min_grant_pence == 1_000_000
    assert tier.business_plan_questions == ["What is your idea?"]


@pytest.mark.parametrize("named", ["²", "1.0", "9" * 20])
def test_a_remove_button_naming_no_category_removes_nothing(client, staff, programme, named):
    client.force_login(staff)
    before = programme.categories.count()

    response = client.post(_setup_url(programme, "programme_categories"), {"remove": named})

    assert response.status_code in (200, 302, 404)
    assert programme.categories.count() == before


def test_an_amount_or_a_number_of_awards_beyond_any_programme_says_what_to_do(
    client, staff, programme
):
    client.force_login(staff)
    page = client.post(
        _setup_url(programme, "programme_section", "amounts"),
        {"max_grant_pence": "30,000,000", "award_limit": "9" * 20, "report_due_days": "90"},
    ).content.decode()

    assert "Enter an amount up to £20,000,000, for example 2000." in page
    assert "Enter up to 10,000 awards, or leave it empty for no limit." in page
    assert "9223372036854775807" not in page
