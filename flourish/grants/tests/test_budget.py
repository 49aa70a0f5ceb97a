"""Money into a programme's budget: recorded through a page as a ledger transaction from the
funder, and every figure on the dashboard read from the ledger."""

import pytest
from django.urls import reverse

from flourish.core.models import AuditEvent
from flourish.grants import events
from flourish.grants.factories import AwardFactory, ProgrammeFactory, application_with_lines
from flourish.grants.models import Stage
from flourish.grants.money import programme_budget_figures
from flourish.grants.services.decisions import award_make
from flourish.grants.services.funding import funder_account, programme_budget_add
from flourish.grants.services.payments import award_pay, programme_budget_account
from flourish.grants.views import programmes as programmes_views
from flourish.ledger.selectors import account_balance

pytestmark = pytest.mark.django_db


@pytest.fixture
def leeds(funder):
    """A Leeds-style programme whose budget holds nothing yet."""
    return ProgrammeFactory(
        funder=funder, slug="kick-start", stages=[Stage.DECISION], budget_pence=0
    )


def _budget_url(programme):
    return reverse("grants:budget", args=[programme.slug])


def test_staff_put_money_into_a_budget_and_the_dashboard_shows_what_the_ledger_holds(
    client, staff, leeds
):
    client.force_login(staff)
    page = client.get(_budget_url(leeds))
    key = page.context["form"].initial["idempotency_key"]

    response = client.post(_budget_url(leeds), {"idempotency_key": key, "amount": "20,000"})

    assert response.status_code == 302
    budget = programme_budget_account(programme=leeds)
    assert account_balance(account=budget) == 2_000_000
    assert account_balance(account=funder_account(funder=leeds.funder)) == -2_000_000
    dashboard = client.get(reverse("grants:dashboard", args=[leeds.slug])).content.decode()
    assert 'id="budget"><bdi dir="ltr">£20,000</bdi><' in dashboard
    assert AuditEvent.objects.filter(action=events.PROGRAMME_BUDGET_ADDED).count() == 1


def test_sending_the_budget_form_twice_puts_the_money_in_once(client, staff, leeds):
    client.force_login(staff)
    data = {"idempotency_key": "one-form", "amount": "20000"}

    client.post(_budget_url(leeds), data)
    client.post(_budget_url(leeds), data)

    assert programme_budget_figures(programme=leeds).put_in_pence == 2_000_000
    assert AuditEvent.objects.filter(action=events.PROGRAMME_BUDGET_ADDED).count() == 1


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0", "Enter an amount between £0.01 and"),
        ("abc", "Enter the amount in pounds, for example 20000."),
        ("", "Enter how much is going into the budget, for example 20000."),
    ],
)
def test_a_budget_amount_that_is_not_money_is_refused_with_a_message(
    client, staff, leeds, typed, message
):
    client.force_login(staff)

    response = client.post(_budget_url(leeds), {"idempotency_key": "k", "amount": typed})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert programme_budget_figures(programme=leeds).put_in_pence == 0


@pytest.mark.parametrize("who", ["other_staff", "associate", "stranger", "owner"])
def test_only_the_funders_staff_see_or_fill_a_budget(client, leeds, request, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(_budget_url(leeds)).status_code == 404
    response = client.post(_budget_url(leeds), {"idempotency_key": "k", "amount": "99"})
    assert response.status_code == 404
    assert programme_budget_figures(programme=leeds).put_in_pence == 0


def test_the_budget_page_reads_a_fixed_number_of_queries(
    client, staff, leeds, django_assert_max_num_queries
):
    for number in range(5):
        programme_budget_add(
            programme=leeds, actor=staff, amount_pence=100_000, idempotency_key=str(number)
        )
    client.force_login(staff)

    # 7 for the session, person, two-step check and layout; the figures; the list.
    with django_assert_max_num_queries(10):
        html = client.get(_budget_url(leeds)).content.decode()

    assert html.count("Money for Small grants round") == 5
    assert 'id="put-in"><bdi dir="ltr">£5,000</bdi><' in html


def test_money_put_in_is_listed_a_page_at_a_time_newest_first(client, staff, leeds, monkeypatch):
    monkeypatch.setattr(programmes_views, "ADDITIONS_PER_PAGE", 2)
    for pounds in (100, 200, 300):
        programme_budget_add(
            programme=leeds, actor=staff, amount_pence=pounds * 100, idempotency_key=str(pounds)
        )
    client.force_login(staff)

    first = client.get(_budget_url(leeds)).content.decode()
    second = client.get(_budget_url(leeds), {"page": 2}).content.decode()

    assert "£300" in first and "£200" in first and "£100" not in first
    assert 'aria-label="Pages of money put in"' in first
    assert "£100" in second and "£300" not in second
    assert 'id="put-in"><bdi dir="ltr">£600</bdi><' in second  # the total is of them all


def test_the_dashboards_paid_and_budget_are_the_ledgers_figures(client, staff, funder):
    programme = ProgrammeFactory(funder=funder, stages=[Stage.DECISION], budget_pence=500_000)
    award = award_make(
        application=application_with_lines(programme=programme), actor=staff, amount_pence=150_000
    )
    award_pay(award=award, actor=staff, idempotency_key="pay")
    client.force_login(staff)

    html = client.get(reverse("grants:dashboard", args=[programme.slug])).content.decode()

    assert 'id="budget"><bdi dir="ltr">£5,000</bdi><' in html
    assert 'id="paid"><bdi dir="ltr">£1,500</bdi><' in html
    assert 'id="left"><bdi dir="ltr">£3,500</bdi><' in html
    assert account_balance(account=programme_budget_account(programme=programme)) == 350_000


def test_a_programme_cannot_award_more_than_the_money_put_into_its_budget(staff, funder):
    programme = ProgrammeFactory(funder=funder, stages=[Stage.DECISION], budget_pence=200_000)
    AwardFactory(application__programme=programme, programme=programme, amount_pence=150_000)
    application = application_with_lines(programme=programme)

    with pytest.raises(Exception, match="£500 is left of £2,000"):
        award_make(application=application, actor=staff, amount_pence=100_000)


def test_a_seventh_award_in_a_six_idea_programme_says_six_ideas_are_funded(staff, funder):
    investment = ProgrammeFactory(
        funder=funder,
        stages=[Stage.DECISION],
        min_grant_pence=1_000_000,
        max_grant_pence=1_000_000,
        budget_pence=6_000_000,
        award_limit=6,
    )
    for _ in range(6):
        award_make(
            application=application_with_lines(programme=investment, amounts=(1_000_000,)),
            actor=staff,
            amount_pence=1_000_000,
        )
    seventh = application_with_lines(programme=investment, amounts=(1_000_000,))

    with pytest.raises(Exception) as refused:
        award_make(application=seventh, actor=staff, amount_pence=1_000_000)

    message = " ".join(refused.value.messages)
    assert "funds 6 ideas and has made 6 awards already" in message
    assert "£0" not in message
