"""Getting around by keyboard alone: the skip link, then every header and footer control."""

import pytest
from django.urls import reverse

from tests.browser.fixtures import NARROW
from tests.browser.pages import ADMINISTRATOR, ANONYMOUS, Page

# What a sighted keyboard user can see of focus: an outline that is drawn
# (not none, not zero width, not transparent) and any box-shadow.
FOCUS_INDICATOR = """el => {
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0
    && !/rgba\\(.*, 0\\)$/.test(s.outlineColor) && s.outlineColor !== "transparent";
  return [outline ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : "", s.boxShadow];
}"""

MARK_CONTROLS = """() => {
  const selector = "header a, header button, footer a, footer button";
  const controls = [...document.querySelectorAll(selector)].filter(el => el.checkVisibility());
  controls.forEach((el, i) => el.dataset.keyboardCheck = String(i));
  return controls.map(el => el.textContent.trim());
}"""

FOCUSED = f"""() => {{
  const el = document.activeElement;
  return el && el.dataset.keyboardCheck !== undefined
    ? [el.dataset.keyboardCheck, ({FOCUS_INDICATOR})(el)] : null;
}}"""


def home_page_for(persona):
    return Page("home", persona, lambda scene: reverse("core:home"))


def test_tab_goes_to_the_skip_link_first_and_enter_moves_focus_to_the_main_content(open_page):
    page = open_page(home_page_for(ANONYMOUS)).page

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('govuk-skip-link')")
    assert page.locator(".govuk-skip-link").is_visible()

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


@pytest.mark.parametrize("persona", [ANONYMOUS, ADMINISTRATOR])
@pytest.mark.parametrize("language", ["en-gb", "ur"])
def test_every_header_and_footer_control_is_reached_by_tab_and_shows_focus(
    open_page, persona, language
):
    page = open_page(home_page_for(persona), language=language).page
    names = page.evaluate(MARK_CONTROLS)
    signed_in = page.locator(f"header form[action='{reverse('account_logout')}'] button").count()
    assert signed_in == (persona == ADMINISTRATOR)

    focused_styles = {}
    for _press in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is not None:
            focused_styles[int(focused[0])] = focused[1]
        if len(focused_styles) == len(names):
            break
    unreached = [names[i] for i in range(len(names)) if i not in focused_styles]
    assert unreached == []

    page.evaluate("document.activeElement.blur()")
    no_visible_focus = [
        names[i]
        for i, style in focused_styles.items()
        if style == page.locator(f"[data-keyboard-check='{i}']").evaluate(FOCUS_INDICATOR)
    ]
    assert no_visible_focus == []


def tab_until(page, condition: str, limit: int = 20) -> bool:
    """Press Tab until the JavaScript `condition` holds for document.activeElement."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {condition})(document.activeElement)"):
            return True
    return False


def test_on_a_phone_the_menu_button_opens_the_menu_from_the_keyboard(open_page):
    page = open_page(home_page_for(ADMINISTRATOR), viewport=NARROW).page
    menu = page.locator(".govuk-service-navigation__toggle")
    audit_link = page.locator("header a", has_text="Audit trail")
    assert menu.is_visible() and not audit_link.is_visible()

    assert tab_until(page, "el.classList.contains('govuk-service-navigation__toggle')")
    page.keyboard.press("Enter")

    assert menu.get_attribute("aria-expanded") == "true"
    assert audit_link.is_visible()
    # The opened menu comes straight after its button: Home, the areas, then the account links.
    assert tab_until(page, "el.textContent.trim() === 'Audit trail'", limit=11)
