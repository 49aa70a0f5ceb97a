"""Learning: guides by a group's life, prompts at the right moment, a health check, support
requests and peer circles."""

from flourish.learning.models.guides import Guide, GuideFeedback, GuideVersion, Stage

__all__ = ["Guide", "GuideFeedback", "GuideVersion", "Stage"]
