"""A council sets a threshold for unspent money; statements, downloads and the overview flag
a budget with more than that left, and say by how much."""

import csv
import io

from django.urls import reverse
from django.utils import timezone

from flourish.accounts.factories import UserFactory
from flourish.budgets.models import StatementSettings
from flourish.core.models import AuditEvent
from flourish.core.tests.page_checks import page_text


def _set(client, council, value):
    return client.post(
        reverse("budgets:council_threshold", args=[council.slug]), {"threshold_pence": value}
    )


def _rows(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_council_staff_set_the_threshold_and_it_is_audited(client, council, council_staff):
    client.force_login(council_staff)
    assert (
        "No threshold is set yet"
        in client.get(reverse("budgets:council_threshold", args=[council.slug])).content.decode()
    )
    assert _set(client, council, "300").status_code == 302
    assert StatementSettings.objects.get(council=council).unspent_threshold_pence == 30_000
    event = AuditEvent.objects.get(action="budgets.threshold_set")
    assert event.data == {"from": None, "to": 30_000}
    page = client.get(reverse("budgets:council_threshold", args=[council.slug])).content.decode()
    assert "The threshold now is £300" in page_text(page)


def test_a_threshold_that_is_not_an_amount_gets_a_message_and_changes_nothing(
    client, council, council_staff
):
    client.force_login(council_staff)
    _set(client, council, "300")
    for bad, message in (
        ("lots", "Enter the amount in pounds, for example 500"),
        ("-5", "Enter the amount in pounds, for example 500"),
        ("2000000", "Enter an amount from £0 to"),
    ):
        assert message in _set(client, council, bad).content.decode()
    assert StatementSettings.objects.get(council=council).unspent_threshold_pence == 30_000
    _set(client, council, "")
    assert StatementSettings.objects.get(council=council).unspent_threshold_pence is None


def test_only_the_councils_staff_may_set_it(client, council, other_staff, jo, budget):
    for person in (other_staff, jo, UserFactory()):
        client.force_login(person)
        url = reverse("budgets:council_threshold", args=[council.slug])
        assert client.get(url).status_code == 404
        assert _set(client, council, "1").status_code == 404
    assert not StatementSettings.objects.exists()


def test_statements_exports_and_the_overview_flag_the_amount_over(
    client, council, council_staff, budget, jo
):
    client.force_login(council_staff)
    period = timezone.localdate().strftime("%Y-%m")
    url = reverse("budgets:council_statements", args=[council.slug])
    assert _rows(client.get(url, {"period": period, "download": "csv"}))[1][15] == ""
    _set(client, council, "300")
    rows = _rows(client.get(url, {"period": period, "download": "csv"}))
    assert rows[0][15] == "Unspent over the council’s threshold (pence)"
    assert rows[1][11] == "40000" and rows[1][15] == "10000"
    finance = _rows(client.get(url, {"period": period, "download": "csv", "layout": "finance"}))
    assert finance[1][-1] == "100.00"
    overview = client.get(reverse("budgets:council_overview", args=[council.slug]))
    assert "Unspent over the threshold" in overview.content.decode()
    assert '<strong><bdi dir="ltr">£100</bdi></strong>' in overview.content.decode()
    client.force_login(jo)
    page = client.get(reverse("budgets:statement", args=[budget.pk])).content.decode()
    assert "Unspent amount over the council’s threshold: £100" in page_text(page)


def test_only_a_budgets_last_line_in_the_month_carries_the_flag(
    client, council, council_staff, budget, ali
):
    from flourish.budgets.services.councils import threshold_set

    threshold_set(council=council, threshold_pence=0, actor=council_staff)
    client.force_login(council_staff)
    response = client.get(
        reverse("budgets:council_statements", args=[council.slug]),
        {"period": timezone.localdate().strftime("%Y-%m"), "download": "csv"},
    )
    flags = [(row[1], row[15]) for row in _rows(response)[1:]]
    assert flags == [(str(budget.pk), "40000"), (str(ali.pk), "40000")]
