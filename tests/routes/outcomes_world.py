"""The sweep's outcomes: the group member has a goal with a review, shared with the group
lead (who may help), and a second invitation to someone outside the sweep to withdraw; the
member shares their ONS4 check-ins with the lead, and with everyone in their group, and
shares a second goal with the group's organisers (to withdraw)."""

from typing import Any

from flourish.accounts.factories import UserFactory
from flourish.accounts.models import Organisation
from flourish.outcomes.factories import goal_make, ons4, review_make
from flourish.outcomes.models import GroupAudience
from flourish.outcomes.services.sharing import group_share, helper_invite, series_share


def add_outcomes(things: dict[str, Any], lead: Any, member: Any) -> None:
    goal = goal_make(member, wording="Route goal")
    review_make(goal, 0)
    helper_invite(goal=goal, email=lead.email, actor=member, may_help=True)
    outsider = UserFactory(email="route.helper@example.org")
    invitation = helper_invite(goal=goal, email=outsider.email, actor=member)
    series = series_share(person=member, instrument=ons4(), email=lead.email, actor=member)
    group = Organisation.objects.get(slug="route-group")
    group_series = group_share(
        person=member,
        group=group,
        instrument=ons4(),
        audience=GroupAudience.EVERYONE,
        actor=member,
    )
    group_goal = group_share(
        person=member,
        group=group,
        goal=goal_make(member, wording="Route goal for the group"),
        audience=GroupAudience.ORGANISERS,
        actor=member,
    )
    things.update(
        goal=goal,
        goal_invitation=invitation,
        series_share=series,
        group_series_share=group_series,
        group_goal_share=group_goal,
    )
