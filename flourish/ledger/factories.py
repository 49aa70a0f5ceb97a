"""Factories for ledger accounts, used by tests.

Accounts made here start empty; money and time only ever arrive through
`transaction_post`, so balances always match their entries.
"""

import factory
from django.contrib.contenttypes.models import ContentType

from flourish.accounts.factories import OrganisationFactory
from flourish.ledger.models import LedgerAccount, Unit


class LedgerAccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LedgerAccount
        exclude = ["owner"]

    owner = factory.SubFactory(OrganisationFactory)
    owner_type = factory.LazyAttribute(
        lambda account: ContentType.objects.get_for_model(account.owner)
    )
    owner_id = factory.LazyAttribute(lambda account: str(account.owner.pk))
    purpose = factory.Sequence(lambda n: f"purpose-{n}")
    unit = Unit.GBP
    name = factory.LazyAttribute(lambda account: f"{account.owner} {account.purpose}")
    floor = 0
    soft_limit = None


class SystemAccountFactory(factory.django.DjangoModelFactory):
    """An account with no owner and no floor, like the outside world money comes from."""

    class Meta:
        model = LedgerAccount

    purpose = factory.Sequence(lambda n: f"outside-world-{n}")
    unit = Unit.GBP
    name = factory.Sequence(lambda n: f"Outside world {n}")
    floor = None
