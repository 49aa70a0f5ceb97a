"""With JavaScript turned off, the language switcher and forms still work."""

from django.urls import reverse

from tests.browser.pages import ANONYMOUS, Page

PRIVACY = Page("privacy", ANONYMOUS, lambda scene: reverse("core:privacy"))
SIGN_IN = Page("sign in", ANONYMOUS, lambda scene: reverse("account_login"))


def test_the_language_switcher_changes_the_page_to_welsh(open_page):
    page = open_page(PRIVACY, javascript=False).page
    # supported.js did not run, so this really is the page without JavaScript.
    assert "js-enabled" not in (page.locator("body").get_attribute("class") or "")

    with page.expect_navigation():
        page.get_by_role("button", name="Cymraeg").click()

    assert page.locator("html").get_attribute("lang") == "cy"
    assert page.locator("#help-now-title").inner_text() == "Os oes angen help arnoch chi nawr"
    assert page.url.endswith(reverse("core:privacy"))


def test_the_sign_in_form_posts_and_shows_what_to_fix(open_page):
    page = open_page(SIGN_IN, javascript=False).page
    email = page.locator("main input[name=email], main input[name=login]").first
    email.fill("not an email address")

    with page.expect_navigation():
        email.press("Enter")

    summary = page.locator(".govuk-error-summary")
    assert summary.get_by_role("heading").inner_text() == "There is a problem"
    first_error = summary.get_by_role("link").first
    assert page.locator(first_error.get_attribute("href")).count() == 1
    assert page.title().startswith("Error:")
