"""What the ledger says about grants money: a programme's budget, and what holding partners
hold for groups. Every figure a person sees about money comes from here, so pages never
disagree with the ledger."""

from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from flourish.accounts.models import Organisation, OrganisationKind, Role
from flourish.grants.models import Award, HeldMoneyKind, HeldMoneyMovement, Payment, Programme
from flourish.grants.services.payments import BUDGET_PURPOSE
from flourish.ledger.models import LedgerEntry


@dataclass(frozen=True)
class BudgetFigures:
    put_in_pence: int
    paid_out_pence: int

    @property
    def left_pence(self) -> int:
        """What the budget account holds now: put in, less paid out."""
        return self.put_in_pence - self.paid_out_pence


def budget_entries(*, programme: Programme) -> QuerySet[LedgerEntry]:
    """The entries of a programme's budget account, without opening the account."""
    return LedgerEntry.objects.filter(
        account__owner_type=ContentType.objects.get_for_model(Programme),
        account__owner_id=str(programme.pk),
        account__purpose=BUDGET_PURPOSE,
    )


def programme_budget_figures(*, programme: Programme) -> BudgetFigures:
    """Money put into a programme's budget and paid out of it, in one query on the ledger."""
    totals = budget_entries(programme=programme).aggregate(
        put_in=Coalesce(Sum("amount", filter=Q(amount__gt=0)), 0),
        paid_out=Coalesce(Sum("amount", filter=Q(amount__lt=0)), 0),
    )
    return BudgetFigures(put_in_pence=totals["put_in"], paid_out_pence=-totals["paid_out"])


def budget_additions(*, programme: Programme) -> QuerySet[LedgerEntry]:
    """Each time money was put into the budget, newest first, with who recorded it."""
    return (
        budget_entries(programme=programme)
        .filter(amount__gt=0)
        .select_related("transaction__actor")
        .order_by("-id")
    )


@dataclass(frozen=True)
class HeldMoney:
    """Where one award's money sits when a holding partner holds it for the group."""

    paid_to_partner_pence: int
    passed_on_pence: int
    spent_pence: int

    @property
    def held_pence(self) -> int:
        return self.paid_to_partner_pence - self.passed_on_pence - self.spent_pence


def award_held_money(*, award: Award) -> HeldMoney:
    """What the award's holding partner was paid for the group, and what it has passed on or
    spent for it; two queries."""
    paid = Payment.objects.filter(award=award, payee_kind="holding_partner").aggregate(
        total=Coalesce(Sum("amount_pence"), 0)
    )["total"]
    moved = HeldMoneyMovement.objects.filter(award=award).aggregate(
        passed_on=Coalesce(Sum("amount_pence", filter=Q(kind=HeldMoneyKind.PASSED_ON)), 0),
        spent=Coalesce(Sum("amount_pence", filter=Q(kind=HeldMoneyKind.SPENT)), 0),
    )
    return HeldMoney(
        paid_to_partner_pence=paid, passed_on_pence=moved["passed_on"], spent_pence=moved["spent"]
    )


def _sum_of(queryset: QuerySet[Any]) -> Coalesce:
    """A correlated subquery adding up amount_pence, so two sums never multiply each other."""
    total = queryset.values("award").annotate(total=Sum("amount_pence")).values("total")
    return Coalesce(Subquery(total, output_field=IntegerField()), 0)


def awards_held_by_partner(*, partner: Any) -> QuerySet[Award]:
    """Awards a holding partner holds, each with what it was paid and has passed on or spent:
    one query however many awards."""
    movements = HeldMoneyMovement.objects.filter(award=OuterRef("pk"))
    return (
        Award.objects.filter(holding_partner=partner)
        .select_related("application__group", "programme__funder")
        .annotate(
            paid_to_partner=_sum_of(
                Payment.objects.filter(award=OuterRef("pk"), payee_kind="holding_partner")
            ),
            passed_on=_sum_of(movements.filter(kind=HeldMoneyKind.PASSED_ON)),
            spent=_sum_of(movements.filter(kind=HeldMoneyKind.SPENT)),
        )
        .annotate(still_held=F("paid_to_partner") - F("passed_on") - F("spent"))
        .order_by("application__group__name", "id")
    )


def holding_partners_for_funder(*, funder: Any) -> QuerySet[Organisation]:
    """The holding partners a funder has agreed terms with, for the decision page."""
    return Organisation.objects.filter(
        holding_for_funders__funder=funder, kind=OrganisationKind.HOLDING_PARTNER
    ).order_by("name")


def funder_list_for_staff(*, user: Any) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        kind=OrganisationKind.FUNDER,
        memberships__user=user,
        memberships__role=Role.FUNDER_STAFF,
    ).distinct()


def get_funder_for_staff(*, user: Any, slug: str) -> Organisation:
    try:
        return funder_list_for_staff(user=user).get(slug=slug)
    except Organisation.DoesNotExist as error:
        raise Http404 from error


def partner_list_for_member(*, user: Any) -> QuerySet[Organisation]:
    """The holding partners this person works at."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        kind=OrganisationKind.HOLDING_PARTNER,
        memberships__user=user,
        memberships__role=Role.HOLDING_PARTNER,
    ).distinct()


def get_partner_for_member(*, user: Any, slug: str) -> Organisation:
    try:
        return partner_list_for_member(user=user).get(slug=slug)
    except Organisation.DoesNotExist as error:
        raise Http404 from error


def get_held_award_for_member(*, user: Any, slug: str, pk: int) -> Award:
    """An award the person's holding partner holds; 404 for anyone else."""
    partner = get_partner_for_member(user=user, slug=slug)
    try:
        return Award.objects.select_related(
            "application__group", "programme", "holding_partner"
        ).get(pk=pk, holding_partner=partner)
    except Award.DoesNotExist as error:
        raise Http404 from error


def award_held_movements(*, award: Award) -> QuerySet[HeldMoneyMovement]:
    return HeldMoneyMovement.objects.filter(award=award).order_by("created_at", "id")


def held_money_by_award(*, awards: list[Award]) -> dict[int, HeldMoney]:
    """Where each held award's money sits, for a list of awards: two queries however many,
    and none when no award in the list has a holding partner."""
    held = [award.pk for award in awards if award.holding_partner_id is not None]
    if not held:
        return {}
    paid = dict(
        Payment.objects.filter(award__in=held, payee_kind="holding_partner")
        .values("award")
        .annotate(total=Sum("amount_pence"))
        .values_list("award", "total")
    )
    moved = {
        row["award"]: row
        for row in HeldMoneyMovement.objects.filter(award__in=held)
        .values("award")
        .annotate(
            passed_on=Coalesce(Sum("amount_pence", filter=Q(kind=HeldMoneyKind.PASSED_ON)), 0),
            spent=Coalesce(Sum("amount_pence", filter=Q(kind=HeldMoneyKind.SPENT)), 0),
        )
    }
    return {
        pk: HeldMoney(
            paid_to_partner_pence=paid.get(pk, 0),
            passed_on_pence=moved.get(pk, {}).get("passed_on", 0),
            spent_pence=moved.get(pk, {}).get("spent", 0),
        )
        for pk in held
    }


def held_money_for_group(*, application: Any) -> HeldMoney | None:
    """Where a group's grant sits, when a holding partner holds it; None otherwise."""
    award = getattr(application, "award", None)
    if award is None or award.holding_partner_id is None:
        return None
    return award_held_money(award=award)
