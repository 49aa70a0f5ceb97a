"""Learning: guides by a group's life, prompts at the right moment, a health check, support
requests and peer circles."""

from flourish.learning.models.circles import (
    POST_MAX_LENGTH,
    Circle,
    CircleInvitation,
    CircleKind,
    CircleMember,
    Digest,
    Meetup,
    Reply,
    ReplyReport,
    Thread,
)
from flourish.learning.models.guides import Guide, GuideFeedback, GuideVersion, Stage
from flourish.learning.models.prompts import (
    GUIDE_FOR_REASON,
    GroupLearningSettings,
    Prompt,
    PromptReason,
    PromptState,
)
from flourish.learning.models.support import (
    HealthCheck,
    HealthCheckShare,
    SupportNote,
    SupportRequest,
    SupportStatus,
)

__all__ = [
    "GUIDE_FOR_REASON",
    "POST_MAX_LENGTH",
    "Circle",
    "CircleInvitation",
    "CircleKind",
    "CircleMember",
    "Digest",
    "GroupLearningSettings",
    "Guide",
    "GuideFeedback",
    "GuideVersion",
    "HealthCheck",
    "HealthCheckShare",
    "Meetup",
    "Prompt",
    "PromptReason",
    "PromptState",
    "Reply",
    "ReplyReport",
    "Stage",
    "SupportNote",
    "SupportRequest",
    "SupportStatus",
    "Thread",
]
