"""Statement journeys in a real browser, JavaScript on and off, with axe-core on each page:
the person adds a note to a line of this month's statement; council staff set a threshold
for unspent money, save their own columns and download with them, and read the statements
sent."""

import shutil

import pytest
from django.utils import timezone

from flourish.budgets.tests.test_browser import scene  # noqa: F401 -- the same scene
from tests.browser.fixtures import CHROMIUM
from tests.browser.journeys import accessible, follow, press, signed_in_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None, reason=f"the browser suite needs {CHROMIUM}"
    ),
]


@pytest.fixture(autouse=True)
def private_uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_person_adds_a_note_to_a_line_of_their_statement(
    browser,
    live_server,
    scene,  # noqa: F811
    javascript,
):
    page = signed_in_page(browser, live_server, scene["jo"], javascript)
    page.goto(f"/budgets/{scene['budget'].pk}/statement/")
    assert "Not sent yet" in page.locator("#sent").inner_text()
    assert accessible(page, javascript)
    day = f"{timezone.localdate():%-d %b %Y}"
    # Every line this month is dated today: take the first.
    with page.expect_navigation():
        page.get_by_role("link", name=f"Add a note on the line of {day}").first.click()
    assert accessible(page, javascript)
    page.get_by_label("Your note on this line").fill("This month’s money, thank you")
    press(page, "Save the note")
    assert "This month’s money, thank you" in page.locator("main").inner_text()
    assert accessible(page, javascript)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_council_staff_set_a_threshold_choose_columns_and_read_what_was_sent(
    browser,
    live_server,
    scene,  # noqa: F811
    javascript,
):
    from flourish.budgets.models import add_months
    from flourish.budgets.services.statements import statement_month_make

    council = scene["budget"].council
    last_month = add_months(timezone.localdate().replace(day=1), -1).strftime("%Y-%m")
    statement_month_make(council=council, period=last_month)
    page = signed_in_page(browser, live_server, scene["staff"], javascript)
    page.goto("/budgets/council/bradford-council/")
    follow(page, "Threshold for unspent money")
    assert accessible(page, javascript)
    page.get_by_label("Threshold for unspent money, in pounds").fill("lots")
    press(page, "Save the threshold")
    assert "Enter the amount in pounds" in page.locator(".govuk-error-summary").inner_text()
    assert accessible(page, javascript)
    page.get_by_label("Threshold for unspent money, in pounds").fill("300")
    press(page, "Save the threshold")
    follow(page, "Under- and overspends")
    assert "Unspent over the threshold" in page.locator("#overview").inner_text()
    assert accessible(page, javascript)

    page.goto("/budgets/council/bradford-council/")
    follow(page, "Your own columns for statements")
    assert accessible(page, javascript)
    page.locator("#column-person").get_by_label("Its heading").fill("=Client")
    page.locator("#column-person").get_by_label("Include this column").check()
    press(page, "Save the columns")
    assert "cannot start with =" in page.locator(".govuk-error-summary").inner_text()
    assert accessible(page, javascript)
    page.locator("#column-person").get_by_label("Its heading").fill("Client")
    page.locator("#column-person").get_by_label("Include this column").check()
    page.locator("#column-in_pounds").get_by_label("Include this column").check()
    press(page, "Save the columns")
    assert page.locator("#layout-own").is_checked()
    assert accessible(page, javascript)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download as CSV").click()
    with open(download.value.path(), encoding="utf-8") as saved:
        assert saved.read().splitlines()[0] == "Client,Money in (£)"

    page.goto("/budgets/council/bradford-council/")
    follow(page, "Statements sent")
    assert f"Sent for {last_month}" in page.locator("main").inner_text()
    assert "Jo Holder" in page.locator("#sent").inner_text()
    assert accessible(page, javascript)
