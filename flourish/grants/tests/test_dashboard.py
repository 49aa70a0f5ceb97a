import pytest
from django.urls import reverse

from flourish.grants.factories import AwardFactory, GroupFactory, SpendLineFactory

pytestmark = pytest.mark.django_db


def _awards(programme, count, area, communities=""):
    for _ in range(count):
        award = AwardFactory(
            application__programme=programme,
            application__group=GroupFactory(),
            application__local_authority=area,
            application__communities=communities,
            programme=programme,
            amount_pence=100_000,
        )
        SpendLineFactory(application=award.application, amount_pence=100_000)


def test_the_dashboard_shows_money_and_hides_areas_with_fewer_than_five_awards(
    client, staff, programme, django_assert_max_num_queries
):
    _awards(programme, 6, "Leeds")
    _awards(programme, 3, "Rutland")
    _awards(programme, 2, "Bury")
    client.force_login(staff)
    url = reverse("grants:dashboard", args=[programme.slug])

    # 7 for the session, person, two-step check and layout; 6 for the figures and one
    # for the budget, read from the ledger.
    with django_assert_max_num_queries(14):
        html = client.get(url).content.decode()

    assert "£11,000" in html
    assert "fewer than 5" in html
    assert "Technology to keep in touch" in html
    csv_text = client.get(url, {"download": "area"}).content.decode()
    assert "Leeds,6,6000.00" in csv_text
    assert "Rutland,fewer than 5," in csv_text
    assert "Bury,fewer than 5," in csv_text


def test_another_funder_cannot_see_the_dashboard(client, other_staff, programme):
    client.force_login(other_staff)

    assert client.get(reverse("grants:dashboard", args=[programme.slug])).status_code == 404


def test_the_dashboard_counts_the_communities_groups_describe_themselves_as_serving(
    client, staff, programme
):
    _awards(programme, 3, "Leeds", communities="South Asian women")
    _awards(programme, 2, "Leeds", communities=" south asian women ")
    _awards(programme, 1, "Leeds", communities="Gypsy and Traveller LGBTQ+ people")
    _awards(programme, 4, "Leeds", communities="Carers")
    client.force_login(staff)
    url = reverse("grants:dashboard", args=[programme.slug])

    csv_text = client.get(url, {"download": "community"}).content.decode()

    assert "south asian women,5,5000.00" in csv_text
    assert "gypsy and traveller lgbtq+ people,fewer than 5," in csv_text


def test_each_community_a_group_names_is_counted_and_small_ones_are_hidden(
    client, staff, programme
):
    _awards(programme, 4, "Leeds", communities="Carers, South Asian women")
    _awards(programme, 2, "Leeds", communities="south  asian women,carers, carers")
    _awards(programme, 1, "Leeds", communities="Deaf people,")
    _awards(programme, 4, "Leeds", communities="Young carers")
    client.force_login(staff)
    url = reverse("grants:dashboard", args=[programme.slug])

    csv_text = client.get(url, {"download": "community"}).content.decode()
    html = client.get(url).content.decode()

    assert "carers,6,6000.00" in csv_text
    assert "south asian women,6,6000.00" in csv_text
    assert "deaf people,fewer than 5,\r\n" in csv_text
    assert "£6,000" in html
    assert "deaf people" in html


def test_a_decision_made_the_day_it_was_sent_shows_as_no_days_not_as_unknown(
    client, staff, programme
):
    award = AwardFactory(application__programme=programme, programme=programme)
    application = award.application
    application.decided_at = application.submitted_at
    application.save(update_fields=["decided_at"])
    client.force_login(staff)

    html = client.get(reverse("grants:dashboard", args=[programme.slug])).content.decode()

    assert "0.0 days" in html


def test_a_programme_with_no_awards_yet_says_so_in_each_table(client, staff, programme):
    client.force_login(staff)

    html = client.get(reverse("grants:dashboard", args=[programme.slug])).content.decode()

    assert html.count("No awards yet.") == 3


def test_four_awards_are_hidden_and_five_are_shown(client, staff, programme):
    _awards(programme, 5, "Leeds")
    _awards(programme, 5, "Bradford")
    # Two rows of four: hidden together they cover eight awards, so nothing else needs
    # hiding, and only the threshold itself decides what is shown.
    _awards(programme, 4, "Wakefield")
    _awards(programme, 4, "Calderdale")
    client.force_login(staff)

    csv_text = client.get(
        reverse("grants:dashboard", args=[programme.slug]), {"download": "area"}
    ).content.decode()

    assert "Leeds,5,5000.00" in csv_text
    assert "Bradford,5,5000.00" in csv_text
    assert "Wakefield,fewer than 5," in csv_text
    assert "Calderdale,fewer than 5," in csv_text
    assert "4000.00" not in csv_text


def test_one_hidden_row_is_not_given_back_by_subtracting_the_shown_rows_from_the_total(
    client, staff, programme
):
    _awards(programme, 9, "Leeds")
    _awards(programme, 6, "Bradford")
    _awards(programme, 2, "Rutland")
    client.force_login(staff)
    url = reverse("grants:dashboard", args=[programme.slug])

    csv_text = client.get(url, {"download": "area"}).content.decode()
    html = client.get(url).content.decode()

    # 17 awards in all: showing Leeds and Bradford would give Rutland's 2 back.
    assert "17 awards" in html
    assert "Leeds,9,9000.00" in csv_text
    assert "Rutland,fewer than 5," in csv_text
    assert 'Bradford,"hidden, so smaller rows cannot be worked out from the totals",' in csv_text
    assert "6000.00" not in csv_text


def test_hidden_kinds_of_spending_draw_no_bar_that_gives_their_amount_away(
    client, staff, programme
):
    _awards(programme, 2, "Leeds")
    client.force_login(staff)

    html = client.get(reverse("grants:dashboard", args=[programme.slug])).content.decode()

    assert "<rect" not in html


def _chart(html):
    return html[html.index('<svg role="img"') : html.index("</svg>")]


def test_each_bar_is_named_with_its_amount_and_grows_from_the_right_in_urdu(
    client, staff, programme
):
    _awards(programme, 6, "Leeds")
    client.force_login(staff)
    url = reverse("grants:dashboard", args=[programme.slug])

    english = _chart(client.get(url).content.decode())
    assert "Technology to keep in touch: <tspan" in english
    assert "£6,000</tspan>" in english
    assert "scale(-1 1)" not in english

    urdu = _chart(client.get(url, HTTP_ACCEPT_LANGUAGE="ur").content.decode())
    assert 'direction="rtl"' in urdu
    assert 'transform="translate(400 0) scale(-1 1)"' in urdu
