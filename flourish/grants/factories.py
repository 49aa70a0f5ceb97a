"""Factories for grants, used by tests and the demo data. Every group and person is made up."""

import factory
from django.utils import timezone
from django.utils.text import slugify

from flourish.accounts.factories import OrganisationFactory, UserFactory
from flourish.accounts.models import Organisation, OrganisationKind
from flourish.grants.models import (
    Application,
    ApplicationStatus,
    Award,
    EligibilityQuestion,
    HoldingPartnership,
    Programme,
    ProgrammeCategory,
    SpendLine,
)
from flourish.grants.models.programmes import default_category_names
from flourish.grants.services.funding import programme_budget_add


class FunderFactory(OrganisationFactory):
    kind = OrganisationKind.FUNDER


class GroupFactory(OrganisationFactory):
    kind = OrganisationKind.GROUP


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    funder = factory.SubFactory(FunderFactory)
    title = factory.Sequence(lambda n: f"Small grants round {n}")
    slug = factory.LazyAttribute(lambda programme: slugify(programme.title))
    description = "Money for user-led groups to keep people connected."
    who_can_apply = "User-led groups, constituted or not, in England."
    min_grant_pence = 0
    max_grant_pence = 200_000
    identifier_prefix = "flourishtest"

    @factory.post_generation
    def budget_pence(self, create: bool, extracted: int | None, **kwargs: object) -> None:
        """Money in the programme's budget, put in through the ledger as staff would."""
        amount = 12_000_000 if extracted is None else extracted
        if not create or amount == 0:
            return
        programme_budget_add(
            programme=self, actor=None, amount_pence=amount, idempotency_key="factory"
        )

    @factory.post_generation
    def categories(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if not create or self.categories.exists():
            return
        names = extracted if extracted is not None else default_category_names()
        ProgrammeCategory.objects.bulk_create(
            ProgrammeCategory(programme=self, name=name, position=position)
            for position, name in enumerate(names, start=1)
        )


class EligibilityQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EligibilityQuestion

    programme = factory.SubFactory(ProgrammeFactory)
    position = factory.Sequence(lambda n: n + 1)
    text = "Is your group led by people with lived experience of mental ill-health?"
    ruled_out_by_yes = False
    reason = "This fund is only for groups led by people with lived experience."
    signpost = "Your local council for voluntary service may know of other funds."


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A complete application; `status=submitted` (the default) also gets a date."""

    class Meta:
        model = Application

    programme = factory.SubFactory(ProgrammeFactory)
    group = factory.SubFactory(GroupFactory)
    submitted_by = factory.SubFactory(UserFactory)
    status = ApplicationStatus.SUBMITTED
    applicant_name = factory.Faker("name", locale="en_GB")
    applicant_role = "I started the group"
    local_authority = "Leeds"
    what_you_want_to_do = "Run our weekly peer support group online while we cannot meet."
    who_it_helps = "About 30 people who hear voices, most of whom live alone."
    when = "From May to July"
    contact_route = "phone"
    contact_detail = "07700 900123"
    contact_times = "Weekday mornings"
    submitted_at = factory.LazyAttribute(
        lambda application: (
            None if application.status == ApplicationStatus.DRAFT else timezone.now()
        )
    )


class SpendLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SpendLine

    application = factory.SubFactory(ApplicationFactory)
    category = factory.LazyAttribute(lambda line: line.application.programme.categories.first())
    description = "A year of video calls"
    amount_pence = 15_000


def application_with_lines(
    *, amounts: tuple[int, ...] = (15_000,), **kwargs: object
) -> Application:
    """An application whose requested total matches its spend lines."""
    application = ApplicationFactory(**kwargs)
    for amount in amounts:
        SpendLineFactory(application=application, amount_pence=amount)
    application.amount_requested_pence = sum(amounts)
    application.save(update_fields=["amount_requested_pence"])
    return application


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award

    application = factory.SubFactory(ApplicationFactory, status=ApplicationStatus.AWARDED)
    programme = factory.LazyAttribute(lambda award: award.application.programme)
    amount_pence = 100_000
    decided_by = factory.SubFactory(UserFactory)
    awarded_on = factory.LazyFunction(timezone.localdate)


def holding_partner_for(funder: Organisation, name: str = "Leeds Community Voluntary Services"):  # type: ignore[no-untyped-def]
    """A holding partner that has agreed to hold this funder's grants."""
    partner = OrganisationFactory(
        name=name, slug=slugify(name), kind=OrganisationKind.HOLDING_PARTNER
    )
    HoldingPartnership.objects.get_or_create(
        funder=funder, partner=partner, defaults={"added_by": UserFactory()}
    )
    return partner
