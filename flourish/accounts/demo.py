"""Demo people and organisations. All made up; safe to run again."""

from typing import TextIO

from allauth.account.models import EmailAddress

from flourish.accounts.factories import (
    ConsentFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from flourish.accounts.models import OrganisationKind, Role, User

DEMO_PASSWORD = "flourish-demo-only"

DEMO_PEOPLE = [
    # email, name, organisation slug, role
    ("organiser@example.org", "Priya Organiser", "peer-support-bradford", Role.GROUP_LEAD),
    ("member@example.org", "Tom Member", "peer-support-bradford", Role.GROUP_MEMBER),
    ("funder@example.org", "Grace Funder", "community-minds-fund", Role.FUNDER_STAFF),
    ("associate@example.org", "Dev Associate", "community-minds-fund", Role.ASSOCIATE),
    ("panel@example.org", "Ruth Panel", "community-minds-fund", Role.PANEL_MEMBER),
    ("admin@example.org", "Sam Administrator", "flourish-operators", Role.ADMINISTRATOR),
    (
        "partner@example.org",
        "Jo Partner",
        "leeds-community-voluntary-services",
        Role.HOLDING_PARTNER,
    ),
    (
        "coordinator@example.org",
        "Nia Coordinator",
        "peer-support-bradford",
        Role.TIMEBANK_COORDINATOR,
    ),
    (
        "support@example.org",
        "Amina Support",
        "bradford-community-action",
        Role.SUPPORT_PARTNER,
    ),
]

DEMO_ORGANISATIONS = {
    "peer-support-bradford": ("Peer Support Bradford", OrganisationKind.GROUP),
    "community-minds-fund": ("Community Minds Fund", OrganisationKind.FUNDER),
    "flourish-operators": ("Flourish Operators", OrganisationKind.OPERATOR),
    "leeds-community-voluntary-services": (
        "Leeds Community Voluntary Services",
        OrganisationKind.HOLDING_PARTNER,
    ),
    "bradford-community-action": (
        "Bradford Community Action",
        OrganisationKind.SUPPORT_ORGANISATION,
    ),
}


# People the other areas' demos add, each for a journey of their own.
MORE_DEMO_PEOPLE = [
    ("holder@example.org", "a person with a personal budget from Bradford Council"),
    ("broker@example.org", "a broker who books for budget holders"),
    ("council@example.org", "Bradford Council's personal budgets staff"),
    ("keighley.coordinator@example.org", "the coordinator of Keighley Timebank"),
]


def demo_person(*, email: str, name: str) -> User:
    """Someone a newcomer can sign in as: with the demo password, and an email address
    already proved, as if they had signed in before."""
    person: User = UserFactory.create(email=email, name=name)
    if not person.has_usable_password():
        person.set_password(DEMO_PASSWORD)
        person.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(
        user=person, email=email, defaults={"verified": True, "primary": True}
    )
    return person


def sign_ins(stdout: TextIO) -> None:
    """Print the demo sign-ins; `seed` prints them last, so they are easy to find."""
    stdout.write("Demo sign-ins (we email you a code; in development the email is printed")
    stdout.write("in this terminal). Each also has the password " + DEMO_PASSWORD + ":")
    for email, _name, slug, role in DEMO_PEOPLE:
        organisation = DEMO_ORGANISATIONS[slug][0]
        stdout.write(f"  {email:<32} {Role(role).label} at {organisation}")
    for email, who in MORE_DEMO_PEOPLE:
        stdout.write(f"  {email:<32} {who}")


def build(stdout: TextIO) -> None:
    organisations = {
        slug: OrganisationFactory(slug=slug, name=name, kind=kind)
        for slug, (name, kind) in DEMO_ORGANISATIONS.items()
    }
    for email, name, slug, role in DEMO_PEOPLE:
        person = demo_person(email=email, name=name)
        MembershipFactory(user=person, organisation=organisations[slug], role=role)
    # Tom has said Priya may act for him, so the consents page has something on it.
    tom = User.objects.get(email="member@example.org")
    ConsentFactory(given_by=tom, granted_to=User.objects.get(email="organiser@example.org"))
