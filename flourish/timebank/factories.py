"""Factories for timebanks and their members, used by tests and the demo data.

Members made here are approved through the service, so each has its ledger account.
"""

import datetime

import factory
from django.utils.text import slugify

from flourish.accounts.factories import (
    AuthenticatorFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from flourish.accounts.models import Role
from flourish.timebank.models import Direction, HelpKind, Listing, Timebank, TimebankMember
from flourish.timebank.services.accounts import organisation_account_open, pot_account_open
from flourish.timebank.services.timebanks import member_approve


class TimebankFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Timebank
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Kirkstall Timebank {n}")
    slug = factory.LazyAttribute(lambda timebank: slugify(timebank.name))

    @factory.post_generation
    def accounts(timebank, create, extracted, **kwargs):
        if create:
            organisation_account_open(timebank=timebank)
            pot_account_open(timebank=timebank)


class AskingMemberFactory(factory.django.DjangoModelFactory):
    """Someone who has asked to join and is waiting for the coordinator."""

    class Meta:
        model = TimebankMember
        django_get_or_create = ("timebank", "user")

    timebank = factory.SubFactory(TimebankFactory)
    user = factory.SubFactory(UserFactory)
    area = "Kirkstall"


def member_make(timebank=None, user=None, **fields) -> TimebankMember:
    """An approved member with an open hours account."""
    member = AskingMemberFactory(
        **{"timebank": timebank or TimebankFactory(), "user": user or UserFactory(), **fields}
    )
    if member.account_id is None:
        member_approve(member=member, actor=None)
    return member


def exchange_confirmed_make(
    timebank, giver, receiver, *, minutes=60, description="Help", help_kind="cooking", day=None
):
    """An hour (or `minutes`) from `giver` to `receiver`, recorded and confirmed: in both
    members' statements and the timebank's reports."""
    from flourish.timebank.models import ExchangeKind
    from flourish.timebank.services import exchanges

    made = exchanges.exchange_record_directly(
        timebank=timebank,
        giver=giver,
        receivers=[receiver],
        kind=ExchangeKind.PERSON,
        minutes=minutes,
        happened_on=day or datetime.date.today(),
        description=description,
        help_kind=help_kind,
        actor=giver.user,
    )
    return exchanges.exchange_confirm(exchange=made, member=receiver, actor=receiver.user)


def coordinator_make(timebank: Timebank, user=None, authenticator: bool = True):
    """A coordinator reads members' safeguarding checks, so they use two-step sign-in:
    they have an authenticator app unless a test is about the one who has not set it up."""
    person = user or UserFactory()
    MembershipFactory(
        user=person, organisation=timebank.organisation, role=Role.TIMEBANK_COORDINATOR
    )
    if authenticator:
        AuthenticatorFactory(user=person)
    return person


class ListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Listing

    member = factory.LazyFunction(member_make)
    timebank = factory.SelfAttribute("member.timebank")
    direction = Direction.OFFER
    kind = HelpKind.COOKING
    title = "Cooking a meal together"
    description = "I like making big pots of soup and would enjoy company."
    when = "Weekday afternoons"
    days = "mon,wed"
    area = "Kirkstall"


def scheme_make(timebank: Timebank, **fields):
    from flourish.timebank.models import MentoringScheme

    defaults = {"name": "After hospital", "slug": "after-hospital", "timebanked": True}
    return MentoringScheme.objects.get_or_create(
        timebank=timebank,
        slug=fields.pop("slug", "after-hospital"),
        defaults={**defaults, **fields},
    )[0]


def mentor_make(scheme, member=None, capacity=1, **profile):
    """An approved mentor, with their training and safeguarding check recorded."""
    from django.utils import timezone

    from flourish.timebank.models import (
        ApplicationStatus,
        CheckKind,
        MemberCheck,
        MentorApplication,
    )

    member = member or member_make(scheme.timebank)
    today = timezone.localdate()
    for kind in (CheckKind.TRAINING, CheckKind.SAFEGUARDING):
        MemberCheck.objects.get_or_create(
            member=member,
            kind=kind,
            defaults={
                "done_on": today,
                "expires_on": today + datetime.timedelta(days=1000),
                "recorded_by": member.user,
            },
        )
    return MentorApplication.objects.create(
        scheme=scheme,
        member=member,
        why="I have been there.",
        capacity=capacity,
        status=ApplicationStatus.APPROVED,
        approved_at=timezone.now(),
        **profile,
    )


def mentee_make(scheme, member=None, **fields):
    from flourish.timebank.models import MenteeRequest

    member = member or member_make(scheme.timebank)
    return MenteeRequest.objects.create(
        scheme=scheme, member=member, hopes="Someone to talk to.", **fields
    )
