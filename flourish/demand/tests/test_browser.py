"""Demand journeys in a real browser, from the demo data, JavaScript on and off, with
axe-core on each page: log five contacts by keyboard alone; import a tally sheet with an
error row; mark a change and see it on the chart; propose, vote and mark a proposal done."""

import datetime
import shutil

import pytest

from tests.browser.fixtures import CHROMIUM
from tests.browser.journeys import accessible, demo_built, follow, press, signed_in_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None, reason=f"the browser suite needs {CHROMIUM}"
    ),
]
JOURNEYS = pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])


@pytest.fixture
def organiser(transactional_db):
    from flourish.accounts import demo as accounts_demo
    from flourish.accounts.models import User
    from flourish.demand import demo as demand_demo

    demo_built(accounts_demo, demand_demo)
    return User.objects.get(email="organiser@example.org")


def _tab_to_save_and_press_enter(page) -> None:
    for _step in range(20):
        if page.evaluate("document.activeElement.textContent.trim()") == "Save":
            break
        page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _wait_for_focus_on_words(page) -> None:
    """Fails, after the usual timeout, if the words box never takes the focus."""
    page.wait_for_function("document.activeElement && document.activeElement.name === 'words'")


@JOURNEYS
def test_log_five_contacts_by_keyboard_alone(browser, live_server, organiser, javascript):
    from flourish.demand.demo import CHANGED_SERVICE
    from flourish.demand.models import Contact

    before = Contact.objects.count()
    page = signed_in_page(browser, live_server, organiser, javascript)
    page.goto(f"/demand/services/{CHANGED_SERVICE}/log/")
    assert accessible(page, javascript)
    for number in range(5):
        # The words box takes the focus as the page opens (the browser applies
        # autofocus at its next paint): type, then choose by arrow keys.
        _wait_for_focus_on_words(page)
        page.keyboard.type(f"Where is the group this week? ({number})")
        page.keyboard.press("Tab")
        if number % 2:
            page.keyboard.press("Space")  # value demand, the first choice
        else:
            page.keyboard.press("ArrowDown")  # failure demand
            page.keyboard.press("Tab")
            page.keyboard.press("ArrowDown")  # didn't understand
            page.keyboard.press("Tab")
            page.keyboard.type("Room changes")
        _tab_to_save_and_press_enter(page)
        assert "Saved. Log the next one" in page.locator("main").inner_text()
        _wait_for_focus_on_words(page)
    assert accessible(page, javascript)
    assert Contact.objects.count() == before + 5
    assert Contact.objects.filter(cause="Room changes", failure_kind="not_understood").count() >= 3


@JOURNEYS
def test_import_a_tally_sheet_with_an_error_row(browser, live_server, organiser, javascript):
    from flourish.demand.demo import CHANGED_SERVICE
    from flourish.demand.models import Contact

    today = datetime.date.today().isoformat()
    sheet = (
        "date,words,channel,demand,kind,cause,sorted at first contact,count\n"
        f"{today},Can I join?,P,V,,,Y,3\n{today},Door locked,I,F,Q,,N,\n"
    )
    before = Contact.objects.count()
    page = signed_in_page(browser, live_server, organiser, javascript)
    page.goto(f"/demand/services/{CHANGED_SERVICE}/")
    follow(page, "Import contacts")
    assert accessible(page, javascript)
    upload = {"name": "sheet.csv", "mimeType": "text/csv", "buffer": sheet.encode()}
    page.get_by_label("Contacts typed up").set_input_files(upload)
    press(page, "Check the file")
    assert "1 row has a problem." in page.locator("main").inner_text()
    assert accessible(page, javascript)
    upload["buffer"] = sheet.replace(",F,Q,", ",F,S,").encode()
    page.get_by_label("Contacts typed up").set_input_files(upload)
    press(page, "Check the file")
    press(page, "Import 4 contacts")
    assert "4 contacts imported" in page.locator("main").inner_text()
    assert Contact.objects.count() == before + 4


@JOURNEYS
def test_mark_a_change_and_see_it_on_the_chart(browser, live_server, organiser, javascript):
    from flourish.demand.demo import CHANGED_SERVICE

    page = signed_in_page(browser, live_server, organiser, javascript)
    page.goto(f"/demand/services/{CHANGED_SERVICE}/")
    assert accessible(page, javascript)
    follow(page, "Note a change")
    page.get_by_label("What did you change?").fill("New signs on the door")
    assert accessible(page, javascript)
    press(page, "Add the note")
    main = page.locator("main").inner_text()
    assert "Change noted" in main and "New signs on the door" in main
    assert page.locator("svg.flourish-chart line[stroke='#54319f']").count() == 2
    assert accessible(page, javascript)


@JOURNEYS
def test_propose_vote_and_mark_a_proposal_done(browser, live_server, organiser, javascript):
    page = signed_in_page(browser, live_server, organiser, javascript)
    page.goto("/demand/")
    follow(page, "Peer Support Bradford: your ideas")
    assert accessible(page, javascript)
    follow(page, "Propose an idea")
    page.get_by_label("Your idea, in a sentence").fill("Tea after the group")
    press(page, "Put it to the board")
    assert accessible(page, javascript)
    press(page, "Vote for this")
    assert "Your vote is counted" in page.locator("main").inner_text()
    page.get_by_label("Done: you said, we did").check()
    page.get_by_label("What came of it, or why not").fill("Tea and biscuits every week.")
    press(page, "Save the status")
    assert accessible(page, javascript)
    follow(page, "You said, we did")
    main = page.locator("main").inner_text()
    assert "Tea after the group" in main and "Tea and biscuits every week." in main
    assert accessible(page, javascript)


@pytest.fixture
def funded_organiser(transactional_db):
    from flourish.accounts import demo as accounts_demo
    from flourish.accounts.models import User
    from flourish.demand import demo as demand_demo
    from flourish.grants import demo as grants_demo

    demo_built(accounts_demo, grants_demo, demand_demo)
    return User.objects.get(email="organiser@example.org")


@JOURNEYS
def test_a_funded_group_votes_on_the_programme_board(
    browser, live_server, funded_organiser, javascript
):
    from flourish.demand.demo import KICK_START_BOARD, KICK_START_OPEN_IDEA
    from flourish.demand.models import Proposal

    page = signed_in_page(browser, live_server, funded_organiser, javascript)
    page.goto("/demand/")
    follow(page, "Every board you can read")
    assert accessible(page, javascript)
    follow(page, "Kick-Start: ideas from the groups we fund")
    assert accessible(page, javascript)
    follow(page, KICK_START_OPEN_IDEA)
    assert accessible(page, javascript)
    press(page, "Vote for this")
    assert "Your vote is counted" in page.locator("main").inner_text()
    assert accessible(page, javascript)
    idea = Proposal.objects.get(board__slug=KICK_START_BOARD, title=KICK_START_OPEN_IDEA)
    assert idea.vote_count == 2
