"""Factories for demand, used by tests and the demo data. Every word here is made up."""

import datetime

import factory
from django.utils import timezone
from django.utils.text import slugify

from flourish.accounts.factories import OrganisationFactory
from flourish.demand.models import (
    Board,
    ChangeNote,
    Channel,
    Contact,
    DemandType,
    FailureKind,
    Proposal,
    Service,
)


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ("slug",)

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Phone line {n}")
    slug = factory.LazyAttribute(lambda service: slugify(service.name))


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    service = factory.SubFactory(ServiceFactory)
    received_on = factory.LazyFunction(timezone.localdate)
    words = "Can I come along on Thursday?"
    channel = Channel.PHONE
    demand = DemandType.VALUE

    class Params:
        failure = factory.Trait(
            demand=DemandType.FAILURE,
            failure_kind=FailureKind.CHASING,
            words="Where is my payment? I asked last week.",
        )


class ChangeNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChangeNote

    service = factory.SubFactory(ServiceFactory)
    made_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7))
    text = "We rewrote question 4 in plain English."


class BoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Board
        django_get_or_create = ("slug",)

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Ideas board {n}")
    slug = factory.LazyAttribute(lambda board: slugify(board.name))


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    board = factory.SubFactory(BoardFactory)
    title = factory.Sequence(lambda n: f"Meet on Saturdays as well ({n})")
    body = "Some of us work in the week."
