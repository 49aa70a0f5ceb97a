"""The directory in a real browser (Debian's Chromium), JavaScript on and off: no axe-core
violations, reflow at 320 pixels, no third-party requests (no map tiles), and the
journey of finding a weekday-evening group near a postcode."""

import shutil

import pytest
from django.urls import reverse

from tests.browser.fixtures import CHROMIUM, NARROW, axe_problems
from tests.browser.pages import ADMINISTRATOR, ANONYMOUS, MEMBER, Page, Scene

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None, reason=f"the browser suite needs {CHROMIUM}"
    ),
]


def _offer(scene: Scene):
    from flourish.directory.factories import ListingFactory, offer_meeting_at

    listing = ListingFactory(name="Hearing Voices Headingley", organisation=scene.group)
    return offer_meeting_at(
        postcode="LS6 1AA", weekday=1, name="Tuesday evening group", listing=listing
    )


def _search(scene: Scene) -> str:
    _offer(scene)
    return reverse("directory:search") + "?postcode=LS6+3AB&distance=10&day=weekdays&time=evening"


def _group(scene: Scene) -> str:
    return reverse("directory:listing", args=[_offer(scene).listing.uuid])


def _offer_page(scene: Scene) -> str:
    return reverse("directory:offer", args=[_offer(scene).uuid])


def _edit(scene: Scene) -> str:
    return reverse("directory:listing_edit", args=[_offer(scene).listing.uuid])


def _offer_edit(scene: Scene) -> str:
    return reverse("directory:offer_edit", args=[_offer(scene).uuid])


def _word_search(scene: Scene) -> str:
    from flourish.directory.factories import ListingFactory

    _offer(scene)
    ListingFactory(name="Headingley Walking Voices", area_outward_code="LS6", languages="Urdu")
    return reverse("directory:search") + "?q=voices&postcode=LS6&distance=5"


def _bad_search(scene: Scene) -> str:
    return reverse("directory:search") + "?postcode=ZZ99+9ZZ"


def _waiting(scene: Scene):
    from flourish.directory.factories import ListingFactory
    from flourish.directory.models import ListingState

    ListingFactory(name="Hearing Voices Headingley", area_outward_code="LS6")
    return ListingFactory(
        name="Headingley Walk and Talk", area_outward_code="LS6", state=ListingState.PENDING
    )


def _review(scene: Scene) -> str:
    return reverse("directory:suggestion_review", args=[_waiting(scene).uuid])


def _queue(scene: Scene) -> str:
    _waiting(scene)
    return reverse("directory:suggestion_list")


def _claim(scene: Scene) -> str:
    from flourish.directory.services.listings import listing_claim_token

    return reverse("directory:claim_complete", args=[listing_claim_token(listing=_waiting(scene))])


DIRECTORY_PAGES = [
    Page("directory search results", ANONYMOUS, _search),
    Page("directory search with an unknown postcode", ANONYMOUS, _bad_search),
    Page("directory search finding a group and an offer", ANONYMOUS, _word_search),
    Page("directory group", ANONYMOUS, _group),
    Page("directory offer", ANONYMOUS, _offer_page),
    Page("directory suggest a group", ANONYMOUS, lambda scene: reverse("directory:suggest")),
    Page("directory edit a listing", MEMBER, _edit),
    Page("directory change an offer", MEMBER, lambda scene: _offer_edit(scene)),
    Page("directory import", ADMINISTRATOR, lambda scene: reverse("directory:import")),
    Page("directory suggestions waiting", ADMINISTRATOR, _queue),
    Page("directory check a suggestion", ADMINISTRATOR, _review),
    Page(
        "directory check a suggestion, groups found by name",
        ADMINISTRATOR,
        lambda scene: _review(scene) + "?name=hearing",
    ),
    Page("directory claim a listing", MEMBER, _claim),
]
each_page = pytest.mark.parametrize("entry", DIRECTORY_PAGES, ids=[p.name for p in DIRECTORY_PAGES])


@each_page
@pytest.mark.parametrize("language", ["en-gb", "ur"])
def test_directory_pages_have_no_accessibility_violations(open_page, entry, language):
    assert axe_problems(open_page(entry, language=language).page) == []


@each_page
def test_directory_pages_reflow_and_call_no_other_site(open_page, live_server, entry):
    visit = open_page(entry, viewport=NARROW)  # requests are noted as they start
    assert visit.page.evaluate("document.documentElement.scrollWidth") <= NARROW["width"]
    assert visit.third_party_requests(live_server.url) == []


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_person_finds_a_weekday_evening_group_near_their_postcode(open_page, javascript):
    start = Page(
        "directory search", ANONYMOUS, lambda scene: _offer(scene) and reverse("directory:search")
    )
    page = open_page(start, javascript=javascript).page
    page.get_by_label("Postcode", exact=True).fill("ls6 3ab")
    page.get_by_label("Within").select_option("10")
    page.get_by_text("More ways to narrow your search").click()
    page.get_by_label("Day", exact=True).select_option("weekdays")
    page.get_by_label("Time of day").select_option("evening")
    with page.expect_navigation():
        page.locator("main form button").click()
    results = page.locator("main ol")
    assert "Tuesday evening group" in results.inner_text()
    assert "Under half a mile away" in results.inner_text()
    with page.expect_navigation():
        page.get_by_role("link", name="Tuesday evening group").click()
    assert page.locator("h1").inner_text() == "Tuesday evening group"


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_search_is_four_tabs_from_the_words_box_and_the_other_ways_open_by_keyboard(
    open_page, javascript
):
    start = Page(
        "directory search", ANONYMOUS, lambda scene: _offer(scene) and reverse("directory:search")
    )
    page = open_page(start, javascript=javascript).page
    page.get_by_label("Words to search for").focus()
    focused = []
    for _press in range(4):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.textContent.trim()"))
    # Postcode, Within, the closed "More ways to narrow your search", then Search.
    assert focused[2:] == ["More ways to narrow your search", "Search"]

    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_day"
    page.keyboard.press("ArrowDown")  # from "Any day" to weekdays
    with page.expect_navigation():
        page.get_by_label("Words to search for").press("Enter")
    # The search came back narrowed by day, so the other ways are shown open.
    assert page.locator("#more-ways").get_attribute("open") is not None


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_suggested_group_is_listed_once_a_coordinator_has_checked_it(open_page, javascript):
    from flourish.directory.models import Listing

    start = Page("suggest", ANONYMOUS, lambda scene: reverse("directory:suggest"))
    page = open_page(start, javascript=javascript).page
    page.get_by_label("Name of the group").fill("Sisters Mutual Aid Bradford")
    page.get_by_label("What the group is and does, in its own words").fill("Food and company.")
    page.get_by_label("Postcode district").fill("BD7")
    page.get_by_label("Unconstituted group").check()
    page.get_by_label("Your email address (optional)").fill("neighbour@example.org")
    with page.expect_navigation():
        page.locator("main form button").click()
    assert page.locator("h1").inner_text() == "Thank you for suggesting a group"
    assert "A coordinator checks every suggestion" in page.locator("main").inner_text()
    if javascript:  # axe-core runs as a script
        assert axe_problems(page) == []
    listing = Listing.objects.get()
    group_page = reverse("directory:listing", args=[listing.uuid])
    assert page.goto(group_page).status == 404

    page.goto(reverse("directory:suggest"))
    page.get_by_label("Name of the group").fill("sisters mutual aid, bradford")
    page.get_by_label("What the group is and does, in its own words").fill("Again.")
    page.get_by_label("Postcode district").fill("bd7 2aa")
    with page.expect_navigation():
        page.locator("main form button").click()
    assert "waiting for a coordinator" in page.locator(".govuk-error-summary").inner_text()

    home = Page("home", ADMINISTRATOR, lambda scene: reverse("core:home"))
    coordinator = open_page(home, javascript=javascript).page
    with coordinator.expect_navigation():
        coordinator.get_by_role("link", name="Directory suggestions").click()
    with coordinator.expect_navigation():
        coordinator.get_by_role("link", name="Check Sisters Mutual Aid Bradford").click()
    if javascript:
        assert axe_problems(coordinator) == []
    with coordinator.expect_navigation():
        coordinator.get_by_role("button", name="List Sisters Mutual Aid Bradford").click()
    assert "Sisters Mutual Aid Bradford is now listed" in coordinator.locator("main").inner_text()

    page.goto(group_page)
    assert page.locator("h1").inner_text() == "Sisters Mutual Aid Bradford"
    assert Listing.objects.count() == 1


def test_a_group_lead_claims_a_listing_from_the_email_and_edits_it(open_page):
    import re

    from django.core import mail

    from flourish.directory.factories import ListingFactory

    made = {}

    def _listing(scene: Scene) -> str:
        made["listing"] = ListingFactory(name="Queer Minds Cardiff", area_outward_code="CF10")
        return reverse("directory:listing", args=[made["listing"].uuid])

    page = open_page(Page("group to claim", MEMBER, _listing)).page
    with page.expect_navigation():
        page.get_by_role("button", name="Claim this listing").click()
    assert "We have emailed a link" in page.locator("main").inner_text()
    link = re.search(r"https?://\S+/directory/claim/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    with page.expect_navigation():
        page.get_by_role("button", name="Claim Queer Minds Cardiff").click()
    assert page.locator("h1").inner_text() == "Edit Queer Minds Cardiff"
    field = page.get_by_label("What the group is and does, in its own words")
    field.fill("LGBTQ+ peer support in Cardiff, in our own words.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save changes").click()
    assert "in our own words" in page.locator("main").inner_text()


def test_a_coordinator_imports_a_spreadsheet_with_errors_and_nothing_is_saved(open_page, tmp_path):
    from flourish.directory.models import Listing

    sheet = tmp_path / "groups.csv"
    sheet.write_text("name,description,postcode district\nGood Group,About us,LS6\n,No name,XX0\n")
    page = open_page(Page("import", ADMINISTRATOR, lambda scene: reverse("directory:import"))).page
    page.get_by_label("Spreadsheet of groups (CSV or XLSX)").set_input_files(str(sheet))
    with page.expect_navigation():
        page.get_by_role("button", name="Check the file").click()
    main = page.locator("main").inner_text()
    assert "1 row has a problem" in main and "Enter the name of the group" in main
    assert page.get_by_role("button", name="Import 2 groups").count() == 0
    assert axe_problems(page) == []
    assert not Listing.objects.exists()


def test_a_coordinator_is_told_a_picture_renamed_to_csv_is_not_a_spreadsheet(open_page, tmp_path):
    from flourish.directory.models import Listing

    picture = tmp_path / "groups.csv"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")
    queue = Page("suggestions", ADMINISTRATOR, lambda scene: reverse("directory:suggestion_list"))
    page = open_page(queue).page
    with page.expect_navigation():
        page.get_by_role("link", name="Import groups from a spreadsheet").click()
    page.get_by_label("Spreadsheet of groups (CSV or XLSX)").set_input_files(str(picture))
    with page.expect_navigation():
        page.get_by_role("button", name="Check the file").click()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "This file is not a CSV file" in summary
    assert axe_problems(page) == []
    assert not Listing.objects.exists()
