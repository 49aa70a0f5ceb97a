"""Checks every HTML page a test renders, the way GOV.UK Notify's test client does.

A page fails if it has anything other than one <h1>, a <title> that does not
start with that heading, no `lang` or `dir`, duplicate ids, a form without
an action or (for POST) a CSRF token, or anything inline that the
Content-Security-Policy would block: a <script> without src, a <style>
element, a style="" or on…="" attribute, or a javascript: link.
"""

from collections import Counter

from bs4 import BeautifulSoup
from django.test import Client
from django.utils import translation


class PageProblem(AssertionError):
    pass


def _text(node: object) -> str:
    return " ".join(node.get_text(" ", strip=True).split())  # type: ignore[attr-defined]


def page_text(html: str) -> str:
    """The words a person reads on the page, without the markup between them
    (an amount is wrapped in <bdi> so it reads left to right in Urdu)."""
    return _text(BeautifulSoup(html, "html.parser"))


def check_page(html: str) -> BeautifulSoup:
    soup = BeautifulSoup(html, "html.parser")
    problems = _layout_problems(soup) + _form_problems(soup) + _inline_code_problems(soup)
    if problems:
        raise PageProblem("\n".join(problems))
    return soup


def _error_prefix(language: str) -> str:
    """The "Error:" a page with errors puts before its title, in the page's language."""
    with translation.override(language):
        return translation.gettext("Error:")


def _layout_problems(soup: BeautifulSoup) -> list[str]:
    problems = []
    root = soup.find("html")
    if root is None or not root.get("lang") or root.get("dir") not in {"ltr", "rtl"}:
        problems.append("<html> needs lang and dir (ltr or rtl).")

    headings = soup.find_all("h1")
    if len(headings) != 1:
        problems.append(f"Expected exactly one <h1>, found {len(headings)}.")
    title = _text(soup.title) if soup.title else ""
    if headings and title:
        heading = _text(headings[0])
        error_prefix = _error_prefix(str(root.get("lang") or "en")) if root else "Error:"
        bare_title = title.removeprefix(error_prefix).strip()
        if not bare_title.startswith(heading):
            problems.append(f"<title> {title!r} should start with the <h1> {heading!r}.")
    if not title:
        problems.append("The page has no <title>.")

    ids = Counter(tag["id"] for tag in soup.find_all(id=True))
    duplicates = sorted(i for i, count in ids.items() if count > 1)
    if duplicates:
        problems.append(f"Duplicate ids: {duplicates}.")
    return problems


def _form_problems(soup: BeautifulSoup) -> list[str]:
    problems = []
    for form in soup.find_all("form"):
        if form.get("action") is None:
            problems.append(f"A form has no action: {str(form)[:120]}")
        if str(form.get("method") or "get").lower() == "post" and not form.find(
            "input", attrs={"name": "csrfmiddlewaretoken"}
        ):
            problems.append(f"A POST form has no CSRF token: {str(form)[:120]}")
    return problems


def _inline_code_problems(soup: BeautifulSoup) -> list[str]:
    """What the Content-Security-Policy (no inline script or style) would block."""
    problems = []
    for script in soup.find_all("script"):
        if not script.get("src") and script.get("type") != "application/json":
            problems.append(f"An inline <script> (move it to a static file): {str(script)[:120]}")
    if soup.find("style"):
        problems.append("A <style> element: move the rules to the stylesheet.")
    for tag in soup.find_all(True):
        handlers = [name for name in tag.attrs if name.lower().startswith("on")]
        if "style" in tag.attrs or handlers:
            problems.append(f"An inline style or event handler: {str(tag)[:120]}")
        if str(tag.get("href", "")).strip().lower().startswith("javascript:"):
            problems.append(f"A javascript: link: {str(tag)[:120]}")
    return problems


class PageCheckingClient(Client):
    """A test client that checks every successful HTML page it receives."""

    def request(self, **request: object):  # type: ignore[no-untyped-def, override]
        response = super().request(**request)
        content_type = response.get("Content-Type", "")
        if (
            response.status_code == 200
            and content_type.startswith("text/html")
            and not getattr(response, "streaming", False)
            and not response.headers.get("HX-Request")
            and b"<html" in response.content[:500]
        ):
            check_page(response.content.decode())
        return response
