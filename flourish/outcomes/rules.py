"""Who may change a goal: the person, and only the people they invited to help with it.

Who may see one is decided where goals are read (`get_goal_for_user` in
`selectors/goals.py`): the person, and the people they invited to it."""

from typing import Any

import rules

from flourish.outcomes.models import Goal


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


@rules.predicate
def owns_goal(user: Any, goal: Goal | None) -> bool:
    return goal is not None and _signed_in(user) and goal.owner_id == user.pk


@rules.predicate
def invited_to_help(user: Any, goal: Goal | None) -> bool:
    if goal is None or not _signed_in(user):
        return False
    return goal.helpers.filter(helper=user, withdrawn_at__isnull=True, may_help=True).exists()


may_change_goal = owns_goal | invited_to_help

rules.add_perm("outcomes.change_goal", may_change_goal)
