"""Outcomes' part of other apps' pages: a group's report points to its members' consented
totals, so nobody is asked to fill in a form about anyone's wellbeing."""

from typing import Any

from django import template

from flourish.outcomes.selectors.totals import may_see_group_totals

register = template.Library()


@register.inclusion_tag("outcomes/includes/group_totals_section.html", takes_context=True)
def group_outcomes_totals(context: dict[str, Any], group: Any) -> dict[str, Any]:
    """The section, with the link only for those who may open the group's totals."""
    user = context["request"].user
    return {"group": group, "may_see": may_see_group_totals(user=user, group=group)}
