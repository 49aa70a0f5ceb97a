"""Brokers acting for a budget holder, with their consent, within their limits."""

from collections.abc import Callable
from typing import Any


def broker_check_for(consent: Any) -> Callable[..., None] | None:
    """The check a broker's booking must pass (none when the person books for themselves)."""
    return None
