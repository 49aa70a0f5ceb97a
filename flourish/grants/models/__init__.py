"""Grants: programmes, applications, the steps to a decision, awards and payments."""

from flourish.grants.models.applications import (
    Application,
    ApplicationStatus,
    SpendLine,
)
from flourish.grants.models.decisions import (
    AcceptanceMethod,
    Award,
    Conversation,
    ConversationKind,
    Decision,
    DecisionOutcome,
    PayeeKind,
    Payment,
    Recommendation,
    RecommendationVerdict,
    SiftResult,
)
from flourish.grants.models.panels import ConflictDeclaration, Panel, PanelVote, VoteVerdict
from flourish.grants.models.planning import PlanningSession, SessionBooking
from flourish.grants.models.programmes import (
    DEFAULT_CATEGORIES,
    EligibilityQuestion,
    Programme,
    ProgrammeCategory,
    Stage,
)
from flourish.grants.models.reports import GrantReport, ReminderKind, ReportReminder, ReportSpend

__all__ = [
    "DEFAULT_CATEGORIES",
    "AcceptanceMethod",
    "Application",
    "ApplicationStatus",
    "Award",
    "ConflictDeclaration",
    "Conversation",
    "ConversationKind",
    "Decision",
    "DecisionOutcome",
    "EligibilityQuestion",
    "GrantReport",
    "Panel",
    "PanelVote",
    "PayeeKind",
    "Payment",
    "PlanningSession",
    "Programme",
    "ProgrammeCategory",
    "Recommendation",
    "RecommendationVerdict",
    "ReminderKind",
    "ReportReminder",
    "ReportSpend",
    "SessionBooking",
    "SiftResult",
    "SpendLine",
    "Stage",
    "VoteVerdict",
]
