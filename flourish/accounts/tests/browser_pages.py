"""Pages for people's rights to their data, for the browser suite (tests/browser):
axe-core, reflow at 320px and Urdu for each."""

from django.urls import reverse

from tests.browser.pages import ADMINISTRATOR, ANONYMOUS, MEMBER, Page, Scene


def _someone_who_wrote_in(scene: Scene):
    from flourish.accounts.factories import MembershipFactory, UserFactory
    from flourish.accounts.models import Role

    person = UserFactory(email="wrote.in@example.org", name="Wyn Writer", phone="07700 900777")
    MembershipFactory(user=person, organisation=scene.group, role=Role.GROUP_MEMBER)
    return person


def _find_them(scene: Scene) -> str:
    person = _someone_who_wrote_in(scene)
    return f"{reverse('accounts:people')}?email={person.email}"


def _reads_of_my_account(scene: Scene) -> str:
    from flourish.accounts.factories import UserFactory
    from flourish.core.events import SENSITIVE_RECORD_READ
    from flourish.core.services import audit_record

    reader = UserFactory(email="reader@example.org", name="Grace Funder")
    audit_record(
        actor=reader,
        action=SENSITIVE_RECORD_READ,
        target=scene.person,
        data={"fields": ["phone", "access_needs"]},
    )
    return reverse("accounts:who_has_looked")


PAGES = [
    Page("your data", MEMBER, lambda scene: reverse("accounts:your_data")),
    Page("who has looked at my information", MEMBER, _reads_of_my_account),
    Page("erase your data", MEMBER, lambda scene: reverse("accounts:erase")),
    Page("your data has been erased", ANONYMOUS, lambda scene: reverse("accounts:erased")),
    Page("find a person who asked about their data", ADMINISTRATOR, _find_them),
    Page(
        "record a request for a copy of their data",
        ADMINISTRATOR,
        lambda scene: reverse(
            "accounts:person_data_request", args=[_someone_who_wrote_in(scene).pk]
        ),
    ),
    Page(
        "data held about this person",
        ADMINISTRATOR,
        lambda scene: reverse("accounts:person_data", args=[_someone_who_wrote_in(scene).pk]),
    ),
    Page(
        "erase this person's data",
        ADMINISTRATOR,
        lambda scene: reverse("accounts:person_erase", args=[_someone_who_wrote_in(scene).pk]),
    ),
]
