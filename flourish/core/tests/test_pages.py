import pytest
from django.urls import reverse
from django.utils import translation

from flourish.accounts.models import Role
from flourish.core.tests.page_checks import PageProblem, check_page

pytestmark = pytest.mark.django_db


def test_the_home_page_explains_flourish_and_signposts_urgent_help(client):
    response = client.get(reverse("core:home"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "community-led mental health" in html
    assert "If you need help now" in html
    assert "116 123" in html
    assert "option 2" in html


def test_every_page_offers_a_skip_link_to_the_main_content(client):
    soup = check_page(client.get(reverse("core:privacy")).content.decode())

    skip = soup.find("a", class_="govuk-skip-link")
    assert skip["href"] == "#main-content"
    assert soup.find(id="main-content").name == "main"


def test_welsh_and_urdu_readers_get_the_right_language_and_direction(client):
    client.cookies["django_language"] = "ur"
    urdu = check_page(client.get(reverse("core:home")).content.decode())
    client.cookies["django_language"] = "cy"
    welsh = check_page(client.get(reverse("core:home")).content.decode())

    assert (urdu.html["lang"], urdu.html["dir"]) == ("ur", "rtl")
    assert "flourish.rtl.css" in str(urdu.head)
    assert (welsh.html["lang"], welsh.html["dir"]) == ("cy", "ltr")


def test_choosing_a_language_works_without_javascript(client):
    response = client.post(reverse("set_language"), {"language": "cy", "next": "/privacy/"})

    assert response.status_code == 302
    assert response["Location"] == "/privacy/"
    assert client.cookies["django_language"].value == "cy"


def test_the_page_checker_rejects_a_page_with_two_headings():
    html = (
        '<html lang="en" dir="ltr"><head><title>One</title></head>'
        "<body><h1>One</h1><h1>Two</h1></body></html>"
    )
    with pytest.raises(PageProblem, match="exactly one <h1>"):
        check_page(html)


def test_the_page_checker_rejects_a_post_form_without_csrf():
    html = (
        '<html lang="en" dir="ltr"><head><title>One</title></head>'
        '<body><h1>One</h1><form method="post" action="/x"></form></body></html>'
    )
    with pytest.raises(PageProblem, match="CSRF"):
        check_page(html)


def test_the_page_checker_rejects_duplicate_ids_and_a_title_that_does_not_match():
    html = (
        '<html lang="en" dir="ltr"><head><title>Other</title></head>'
        '<body><h1>One</h1><p id="a"></p><p id="a"></p></body></html>'
    )
    with pytest.raises(PageProblem) as problem:
        check_page(html)
    assert "Duplicate ids: ['a']" in str(problem.value)
    assert "should start with" in str(problem.value)


def test_a_stranger_cannot_see_the_audit_trail(client, stranger):
    client.force_login(stranger)

    assert client.get(reverse("core:audit")).status_code == 404


def test_an_administrator_without_two_factor_is_sent_to_set_it_up(client, group):
    from flourish.accounts.factories import MembershipFactory, UserFactory

    admin = UserFactory()
    MembershipFactory(user=admin, organisation=group, role=Role.ADMINISTRATOR)
    client.force_login(admin)

    response = client.get(reverse("core:audit"))

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_the_page_checker_accepts_an_urdu_error_title():
    html = (
        '<html lang="ur" dir="rtl"><head><title>خرابی: نام – Flourish</title></head>'
        "<body><h1>نام</h1></body></html>"
    )
    with translation.override("ur"):
        assert translation.gettext("Error:") == "خرابی:"

    check_page(html)


def test_the_site_menu_leads_to_each_area_and_only_funders_see_their_side(client, owner):
    from flourish.accounts.factories import (
        AuthenticatorFactory,
        MembershipFactory,
        OrganisationFactory,
        UserFactory,
    )
    from flourish.accounts.models import OrganisationKind

    home = reverse("core:home")
    anonymous_menu = str(check_page(client.get(home).content.decode()).find(id="navigation"))
    assert reverse("directory:search") in anonymous_menu
    assert reverse("grants:programme_list") in anonymous_menu
    assert reverse("grants:manage") not in anonymous_menu

    client.force_login(owner)
    owner_menu = str(check_page(client.get(home).content.decode()).find(id="navigation"))
    assert reverse("grants:manage") not in owner_menu

    associate = UserFactory()
    funder = OrganisationFactory(kind=OrganisationKind.FUNDER)
    MembershipFactory(user=associate, organisation=funder, role=Role.ASSOCIATE)
    AuthenticatorFactory(user=associate)  # associates read contact details: two-step sign-in
    client.force_login(associate)
    associate_menu = str(check_page(client.get(home).content.decode()).find(id="navigation"))
    assert reverse("grants:manage") in associate_menu


def test_the_menu_is_decided_by_the_rules_without_reading_permission_tables(client, owner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(owner)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("core:home"))

    assert response.status_code == 200
    assert not [q for q in captured.captured_queries if "auth_permission" in q["sql"]]
    menu = str(check_page(response.content.decode()).find(id="navigation"))
    assert reverse("core:audit") not in menu
    assert reverse("grants:holding_home") not in menu


def test_a_menu_drawn_for_one_person_is_never_shown_to_another(client, owner):
    """The menu and footer are drawn once per language and kind of person: a funder's
    menu must not reach a group member who comes next, nor an English one a Welsh reader."""
    from flourish.accounts.factories import (
        AuthenticatorFactory,
        MembershipFactory,
        OrganisationFactory,
        UserFactory,
    )
    from flourish.accounts.models import OrganisationKind

    def menu_and_footer() -> tuple[str, str]:
        page = check_page(client.get(reverse("core:home")).content.decode())
        return str(page.find(id="navigation")), str(page.find("footer"))

    associate = UserFactory()
    funder = OrganisationFactory(kind=OrganisationKind.FUNDER)
    MembershipFactory(user=associate, organisation=funder, role=Role.ASSOCIATE)
    AuthenticatorFactory(user=associate)
    client.force_login(associate)
    associate_menu, _footer = menu_and_footer()
    client.force_login(owner)
    owner_menu, _footer = menu_and_footer()
    client.cookies["django_language"] = "cy"
    welsh_menu, welsh_footer = menu_and_footer()
    client.logout()
    client.cookies["django_language"] = "en-gb"
    anonymous_menu, english_footer = menu_and_footer()

    assert reverse("grants:manage") in associate_menu
    assert reverse("grants:manage") not in owner_menu
    assert reverse("budgets:index") in owner_menu
    assert reverse("budgets:index") not in anonymous_menu
    assert "Your account" in owner_menu and "Eich cyfrif" in welsh_menu
    assert "Os oes angen help arnoch chi nawr" in welsh_footer
    assert "If you need help now" in english_footer and "116 123" in english_footer


def test_the_drawn_header_carries_each_visitors_own_token_and_this_page(db):
    """The header is drawn once for everyone alike, but its forms carry this request's
    CSRF token and come back to this page: each visitor's token works for them alone."""
    from django.test import Client

    def language_form(client, address):
        page = check_page(client.get(address).content.decode())
        form = page.find("form", class_="flourish-language-switcher")
        token = form.find("input", {"name": "csrfmiddlewaretoken"})["value"]
        return token, form.find("input", {"name": "next"})["value"]

    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_token, first_next = language_form(first, "/directory/?q=walk&page=2")
    second_token, second_next = language_form(second, reverse("core:privacy"))

    assert first_next == "/directory/?q=walk&page=2"
    assert second_next == reverse("core:privacy")
    switch = reverse("set_language")
    assert (
        second.post(switch, {"language": "cy", "csrfmiddlewaretoken": first_token}).status_code
        == 403
    )
    assert (
        first.post(switch, {"language": "cy", "csrfmiddlewaretoken": first_token}).status_code
        == 302
    )
    assert (
        second.post(switch, {"language": "cy", "csrfmiddlewaretoken": second_token}).status_code
        == 302
    )
