"""The timebank: timebanks and their members, offers and requests, exchanges, mentoring."""

from flourish.timebank.models.exchanges import (
    Exchange,
    ExchangeKind,
    ExchangeShare,
    ExchangeStatus,
    ExchangeTotal,
)
from flourish.timebank.models.listings import Direction, HelpKind, Listing, Weekday
from flourish.timebank.models.mentoring import (
    ApplicationStatus,
    Concern,
    MenteeRequest,
    MentorApplication,
    MentoringPair,
    MentoringScheme,
    MentoringSession,
    PairStatus,
    RequestStatus,
    SessionMode,
)
from flourish.timebank.models.timebanks import (
    CheckKind,
    MemberCheck,
    MemberStatus,
    PartnershipRequest,
    PartnershipStatus,
    Timebank,
    TimebankMember,
)

__all__ = [
    "ApplicationStatus",
    "CheckKind",
    "Concern",
    "Direction",
    "Exchange",
    "ExchangeKind",
    "ExchangeShare",
    "ExchangeStatus",
    "ExchangeTotal",
    "HelpKind",
    "Listing",
    "MemberCheck",
    "MemberStatus",
    "MenteeRequest",
    "MentorApplication",
    "MentoringPair",
    "MentoringScheme",
    "MentoringSession",
    "PairStatus",
    "PartnershipRequest",
    "PartnershipStatus",
    "RequestStatus",
    "SessionMode",
    "Timebank",
    "TimebankMember",
    "Weekday",
]
