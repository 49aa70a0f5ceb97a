import pytest
from django.urls import reverse

from flourish.grants.factories import AwardFactory, GroupFactory, application_with_lines
from flourish.grants.models import ApplicationStatus

pytestmark = pytest.mark.django_db


def test_anyone_can_see_who_a_programme_funded_and_its_success_rate(
    client, programme, django_assert_max_num_queries
):
    for n in range(6):
        AwardFactory(
            application__programme=programme,
            application__group=GroupFactory(name=f"Funded Group {n}"),
            programme=programme,
        )
    for _ in range(2):
        application_with_lines(programme=programme, status=ApplicationStatus.DECLINED)

    with django_assert_max_num_queries(6):
        response = client.get(reverse("grants:funded", args=[programme.slug]))

    html = response.content.decode()
    assert "Funded Group 5" in html
    assert "6 of 8 decided applications were funded (75%)" in html
    assert "07700" not in html


def test_a_success_rate_from_fewer_than_five_decisions_is_not_published(client, programme):
    AwardFactory(application__programme=programme, programme=programme)

    html = client.get(reverse("grants:funded", args=[programme.slug])).content.decode()

    assert 'id="success-rate"' not in html


def test_a_page_number_too_big_to_exist_shows_the_last_page_of_who_was_funded(client, programme):
    AwardFactory(
        application__programme=programme,
        application__group=GroupFactory(name="The Only Funded Group"),
        programme=programme,
    )

    response = client.get(
        reverse("grants:funded", args=[programme.slug]), {"page": "99999999999999999999"}
    )

    assert response.status_code == 200
    assert "The Only Funded Group" in response.content.decode()


def test_who_we_funded_is_counted_once_for_every_page_and_language_until_a_new_award(
    client, programme, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PUBLIC_PAGE_CACHE = False  # each request builds its page
    for _ in range(6):
        AwardFactory(application__programme=programme, programme=programme)
    url = reverse("grants:funded", args=[programme.slug])

    def counted(**query):
        with CaptureQueriesContext(connection) as captured:
            html = client.get(url, query).content.decode()
        return html, sum("COUNT(" in q["sql"].upper() for q in captured.captured_queries)

    first, counted_first = counted()
    client.cookies["django_language"] = "cy"
    _welsh, counted_welsh = counted(page="2")
    client.cookies["django_language"] = "en-gb"
    assert "6 of 6 decided applications were funded (100%)" in first
    assert (counted_first, counted_welsh) == (2, 0)  # the awards, and the success rate

    application_with_lines(programme=programme, status=ApplicationStatus.DECLINED)

    after, counted_after = counted()
    assert "6 of 7 decided applications were funded (86%)" in after
    assert counted_after == 2


def test_a_page_of_who_we_funded_is_drawn_once_and_a_change_shows_at_once(
    client, programme, settings, monkeypatch
):
    """The rows are drawn once for what they show: a group's new name, a new award or
    a reader in Welsh each gets rows drawn afresh."""
    import datetime

    from flourish.grants.views import applying

    settings.PUBLIC_PAGE_CACHE = False  # each request builds its page
    group = GroupFactory(name="Hope Street Peer Support")
    AwardFactory(
        application__programme=programme,
        application__group=group,
        programme=programme,
        awarded_on=datetime.date(2026, 3, 27),
    )
    url = reverse("grants:funded", args=[programme.slug])
    drawn = []
    draw_rows = applying.funded_rows

    def counted(page):
        drawn.append(page)
        return draw_rows(page)

    monkeypatch.setattr(applying, "funded_rows", counted)

    def read(language="en-gb"):
        drawn.clear()
        client.cookies["django_language"] = language
        return client.get(url).content.decode(), len(drawn)

    drawn_first, drawn_second = read()[1], read()[1]
    assert (drawn_first, drawn_second) == (1, 0)  # the second read draws nothing
    group.name = "Hope Street Peers"
    group.save()
    html, drawn_again = read()
    assert "Hope Street Peers" in html and drawn_again == 1
    AwardFactory(
        application__programme=programme,
        application__group=GroupFactory(name="Canal Walkers"),
        programme=programme,
    )
    assert "Canal Walkers" in read()[0]
    welsh, drawn_welsh = read("cy")
    assert "27 Mawrth 2026" in welsh and drawn_welsh == 1


def test_a_page_of_who_we_funded_someone_read_before_asks_nothing(
    client, programme, settings, django_assert_num_queries
):
    settings.PUBLIC_PAGE_CACHE = False  # each request builds its page
    AwardFactory(
        application__programme=programme,
        application__group=GroupFactory(name="Canal Walkers"),
        programme=programme,
    )
    url = reverse("grants:funded", args=[programme.slug])
    client.get(url)  # the programme read and the page drawn, then kept

    with django_assert_num_queries(0):
        response = client.get(url)

    assert "Canal Walkers" in response.content.decode()


def test_who_we_funded_shows_each_grant_as_typed_and_never_as_markup(client, programme):
    import datetime

    AwardFactory(
        application__programme=programme,
        application__group=GroupFactory(name="<b>Bold</b> & Friends"),
        application__local_authority="",
        programme=programme,
        amount_pence=125_050,
        awarded_on=datetime.date(2026, 3, 27),
    )

    html = client.get(reverse("grants:funded", args=[programme.slug])).content.decode()

    assert "<b>Bold</b>" not in html
    row = (
        '<tr class="govuk-table__row">'
        '<td class="govuk-table__cell">&lt;b&gt;Bold&lt;/b&gt; &amp; Friends</td>'
        '<td class="govuk-table__cell">–</td>'
        '<td class="govuk-table__cell">27 March 2026</td>'
        '<td class="govuk-table__cell govuk-table__cell--numeric">'
        '<bdi dir="ltr">£1,250.50</bdi></td></tr>'
    )
    assert row in html


def test_who_we_funded_links_each_page_to_the_pages_either_side(
    client, programme, settings, monkeypatch
):
    from flourish.grants.views import applying

    settings.PUBLIC_PAGE_CACHE = False
    monkeypatch.setattr(applying, "FUNDED_PER_PAGE", 2)
    for n in range(5):
        AwardFactory(
            application__programme=programme,
            application__group=GroupFactory(name=f"Funded Group {n}"),
            programme=programme,
        )
    url = reverse("grants:funded", args=[programme.slug])

    pages = [client.get(url, {"page": n}).content.decode() for n in (1, 2, 3)]

    assert "Page 1 of 3" in pages[0] and "Page 2 of 3" in pages[1] and "Page 3 of 3" in pages[2]
    assert 'href="?page=2" rel="next"' in pages[0] and 'rel="prev"' not in pages[0]
    assert 'href="?page=1" rel="prev"' in pages[1] and 'href="?page=3" rel="next"' in pages[1]
    assert 'href="?page=2" rel="prev"' in pages[2] and 'rel="next"' not in pages[2]
    assert 'aria-label="Pages of grants"' in pages[0]
    # Each grant is on one page only, and the count is of them all.
    shown = [sum(f"Funded Group {n}" in page for page in pages) for n in range(5)]
    assert shown == [1, 1, 1, 1, 1] and all("5 grants" in page for page in pages)
