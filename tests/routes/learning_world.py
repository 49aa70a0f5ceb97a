"""The sweep's learning: a published guide with a draft in Welsh, an item waiting on the
group's page, its own health check (shared with the funder it applied to), a request for
support sent to that funder (whose associate helps), and a circle with a conversation and a
reported reply, a meet-up, and an invitation to it for the group member."""

import datetime
from typing import Any

from django.utils import timezone

from flourish.learning.factories import CircleFactory, circle_member_make, published_guide
from flourish.learning.health import QUESTIONS
from flourish.learning.models import CircleMember, PromptReason
from flourish.learning.services.circles import reply_post, reply_report, thread_start
from flourish.learning.services.guides import guide_version_save
from flourish.learning.services.meetups import circle_invite, meetup_add
from flourish.learning.services.prompts import prompt_offer
from flourish.learning.services.support import (
    health_check_record,
    health_check_share,
    support_organisation_choose,
    support_request_create,
)


def add_learning(things: dict[str, Any], people: dict[str, Any], group: Any) -> None:
    version = published_guide(slug="route-guide", title="Route guide")
    guide_version_save(
        guide=version.guide,
        actor=version.guide.created_by,
        language="cy",
        title="Canllaw",
        summary="Canllaw",
        body="Geiriau",
    )
    prompt = prompt_offer(group=group, reason=PromptReason.STALE_LISTING)
    lead = people["group lead"]
    check = health_check_record(
        group=group, actor=lead, answers={q.key: "not_sure" for q in QUESTIONS}
    )
    funder = people["associate"].memberships.get().organisation
    support_organisation_choose(group=group, actor=lead, organisation=funder)
    share = health_check_share(check=check, actor=lead, organisation=funder)
    asked = support_request_create(group=group, actor=lead, what="We have never done a budget")
    # The group lead moderates a circle the group member is not in; the other group's lead
    # is an ordinary member who reported a reply; a second circle is open to join.
    circle = CircleFactory(name="Route circle", slug="route-circle")
    circle_member_make(circle, lead, moderator=True)
    other = circle_member_make(circle, people["lead of a different group"])
    CircleFactory(name="Route open circle", slug="route-open-circle")
    thread = thread_start(circle=circle, actor=lead, title="Hello", body="Hello all")
    reply = reply_post(thread=thread, actor=lead, body="A reply")
    reply_report(reply=reply, actor=other, reason="Testing")
    starts = timezone.now() + datetime.timedelta(days=7)
    meetup = meetup_add(
        circle=circle,
        actor=lead,
        title="Coffee",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        where="Online",
    )
    invitation = circle_invite(circle=circle, actor=lead, email=people["group member"].email)
    things.update(
        guide=version.guide,
        prompt=prompt,
        health_check=check,
        health_check_share=share,
        support_request=asked,
        circle=circle,
        thread=thread,
        reply=reply,
        meetup=meetup,
        invitation=invitation,
        feed_secret=CircleMember.objects.get(circle=circle, user=lead).feed_secret,
    )
