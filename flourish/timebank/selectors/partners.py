"""Reads for a coordinator's partner timebanks page: its partners, and the asks waiting
for an answer each way. Each is paged, so the page costs the same with five partners
as with every timebank in the country."""

from django.db.models import QuerySet

from flourish.timebank.models import PartnershipRequest, PartnershipStatus, Timebank


def partners_of(*, timebank: Timebank) -> QuerySet[Timebank]:
    """The timebanks whose members may exchange with this one's, by name."""
    return timebank.partners.order_by("name", "pk")


def _waiting() -> QuerySet[PartnershipRequest]:
    return PartnershipRequest.objects.filter(status=PartnershipStatus.ASKED).select_related(
        "from_timebank", "to_timebank", "asked_by"
    )


def asks_received(*, timebank: Timebank) -> QuerySet[PartnershipRequest]:
    """Timebanks asking this one to be partners, oldest first: the longest waiting on top."""
    return _waiting().filter(to_timebank=timebank).order_by("created_at", "pk")


def asks_sent(*, timebank: Timebank) -> QuerySet[PartnershipRequest]:
    """Timebanks this one has asked, still to answer, oldest first."""
    return _waiting().filter(from_timebank=timebank).order_by("created_at", "pk")
