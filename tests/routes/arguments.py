"""Which real object each URL is about, from the sweep's world. A URL that takes arguments
and is missing here cannot be asked for, so the sweep fails until it is added."""

from collections.abc import Callable
from typing import Any

from tests.routes.world import World

Arguments = Callable[[World], dict[str, Any]]


def _slug(world: World) -> dict[str, Any]:
    return {"slug": world.programme.slug}


def _on(thing: str) -> Arguments:
    return lambda world: {"pk": world.things[thing].pk}


def _listing(world: World) -> dict[str, Any]:
    return {"listing_id": world.listing.uuid}


def _suggestion(world: World) -> dict[str, Any]:
    """A suggestion of its own for each URL, so deciding it at one URL leaves the others."""
    from flourish.directory.factories import ListingFactory
    from flourish.directory.models import ListingState

    return {"listing_id": ListingFactory(state=ListingState.PENDING).uuid}


def _offer(world: World) -> dict[str, Any]:
    return {"offer_id": world.offer.uuid}


def _timebank(**things: str) -> Arguments:
    """The route timebank's slug, with the named things' keys (pk, scheme_slug, action)."""

    def arguments(world: World) -> dict[str, Any]:
        found: dict[str, Any] = {"slug": world.timebank.slug}
        for key, value in things.items():
            if key == "pk":
                found["pk"] = world.things[value].pk
            else:
                found[key] = value
        return found

    return arguments


def _scheme(**things: str) -> Arguments:
    return _timebank(scheme_slug="after-hospital", **things)


def _budget(**things: str) -> Arguments:
    """The route budget's key, with the named things' keys (slug, booking, action)."""

    def arguments(world: World) -> dict[str, Any]:
        found: dict[str, Any] = {"pk": world.budget.pk}
        for key, value in things.items():
            found[key] = world.things[value].pk if key.endswith("pk") else value
        return found

    return arguments


def _goal(**extra: Any) -> Arguments:
    def arguments(world: World) -> dict[str, Any]:
        found = {"pk": world.things["goal"].pk, **extra}
        if "invitation_pk" in extra:
            found["invitation_pk"] = world.things["goal_invitation"].pk
        return found

    return arguments


def _council(world: World) -> dict[str, Any]:
    return {"slug": world.council.slug}


BUDGETS_ARGUMENTS: dict[str, Arguments] = {
    "budgets:home": _budget(),
    "budgets:plan": _budget(),
    "budgets:council": _council,
    "budgets:budget_new": _council,
    "budgets:offers": _budget(),
    "budgets:book": lambda world: {"pk": world.budget.pk, "offer_id": world.budget_offer.uuid},
    "budgets:booking": _budget(booking_pk="booking"),
    "budgets:booking_cancel": _budget(booking_pk="booking_to_cancel"),
    "budgets:brokers": _budget(),
    "budgets:broker_withdraw": _budget(consent_pk="broker_consent"),
    "budgets:pools": _budget(),
    "budgets:statement": _budget(),
    "budgets:council_statements": _council,
    "budgets:pool": lambda world: {"pool_pk": world.pool.pk},
    "budgets:proposal_new": lambda world: {"pool_pk": world.pool.pk},
    "budgets:proposal_offer": lambda world: {
        "pool_pk": world.pool.pk,
        "offer_id": world.budget_offer.uuid,
    },
    "budgets:proposal_vote": lambda world: {
        "pool_pk": world.pool.pk,
        "proposal_pk": world.pool_proposal.pk,
    },
    "budgets:pool_leave": lambda world: {"pool_pk": world.pool_to_leave.pk},
    "budgets:pool_join": lambda world: {"code": world.pool.invite_code},
    "budgets:receipt": lambda world: {"booking_pk": world.booking.pk},
    "budgets:group_bookings": lambda world: {"slug": world.booking.group.slug},
    "budgets:group_booking_act": lambda world: {
        "slug": world.booking.group.slug,
        "booking_pk": world.booking_to_answer.pk,
        "action": "decline",
    },
    "budgets:spent_outside": _budget(),
    "budgets:outside_receipt": _budget(spending_pk="outside_spending"),
    "budgets:invoice": lambda world: {"booking_pk": world.booking.pk},
    "budgets:council_overview": _council,
    "budgets:proposal_outcome": lambda world: {
        "pool_pk": world.pool.pk,
        "proposal_pk": world.things["pool_proposal_paid"].pk,
    },
    "budgets:council_statement_made": lambda world: {
        "slug": world.council.slug,
        "period": world.things["monthly_statement"].period,
    },
    "budgets:statement_note": _budget(entry_pk="statement_line"),
    "budgets:council_threshold": _council,
    "budgets:council_columns": _council,
    "budgets:council_sent": _council,
}


OUTCOMES_ARGUMENTS: dict[str, Arguments] = {
    **{
        f"outcomes:{name}": _goal()
        for name in (
            "goal",
            "goal_review",
            "goal_reword",
            "goal_replace",
            "helper_invite",
            "goal_reminder",
        )
    },
    "outcomes:goal_move": _goal(move="pause"),
    "outcomes:goal_in_totals": _goal(),
    "outcomes:council_totals": _council,
    "outcomes:helper_withdraw": _goal(invitation_pk=True),
    "outcomes:checkin_new": lambda world: {"slug": "ons4"},
    "outcomes:series_share": lambda world: {"slug": "ons4"},
    "outcomes:series_share_withdraw": lambda world: {
        "slug": "ons4",
        "share_pk": world.things["series_share"].pk,
    },
    "outcomes:serves_support_plan": lambda world: {"pk": world.budget.pk},
    "outcomes:serves_pool_proposal": lambda world: {"pk": world.pool_proposal.pk},
    "outcomes:serves_mentoring_pair": _on("pair"),
    "outcomes:serves_grant_application": _on("shortlisted"),
    "outcomes:series_shared": lambda world: {"share_pk": world.things["series_share"].pk},
    "outcomes:programme_totals": _slug,
    "outcomes:group_totals": lambda world: {"slug": "route-group"},
    "outcomes:timebank_totals": _timebank(),
    "outcomes:scheme_totals": _scheme(),
    "outcomes:goal_share_group": _goal(),
    "outcomes:series_share_group": lambda world: {"slug": "ons4"},
    "outcomes:group_share_withdraw": lambda world: {
        "share_pk": world.things["group_goal_share"].pk
    },
    "outcomes:group_series": lambda world: {"share_pk": world.things["group_series_share"].pk},
}


TIMEBANK_ARGUMENTS: dict[str, Arguments] = {
    **{
        f"timebank:{name}": _timebank()
        for name in (
            "home",
            "join",
            "statement",
            "give",
            "leave",
            "search",
            "listing_new",
            "record",
            "dashboard",
            "members",
            "join_by_phone",
            "settings",
            "report",
            "import",
            "import_confirm",
            "partners",
        )
    },
    "timebank:listing": _timebank(pk="timebank_listing"),
    "timebank:exchange": _timebank(pk="exchange"),
    "timebank:exchange_act": _timebank(pk="exchange", action="confirm"),
    "timebank:member": _timebank(pk="timebank_member"),
    "timebank:approve": _timebank(pk="timebank_member"),
    "timebank:pot_draw": _timebank(pk="timebank_member"),
    "timebank:refer": _timebank(pk="timebank_member"),
    "timebank:partner_act": _timebank(pk="partnership_request", action="accept"),
    "timebank:scheme": _scheme(),
    "timebank:mentor_apply": _scheme(),
    "timebank:mentee_ask": _scheme(),
    "timebank:mentor_approve": _scheme(pk="mentor_application"),
    "timebank:suggestions": _scheme(pk="waiting_mentee"),
    "timebank:pair": _scheme(pk="pair"),
    "timebank:pair_act": _scheme(pk="pair", action="accept"),
}


def _group(world: World) -> dict[str, Any]:
    return {"slug": world.prompt.group.slug}


LEARNING_ARGUMENTS: dict[str, Arguments] = {
    "learning:group": _group,
    "learning:prompt_emails": _group,
    "learning:health_check": _group,
    "learning:support_ask": _group,
    "learning:health_check_answers": lambda world: {**_group(world), "pk": world.health_check.pk},
    "learning:health_check_share": lambda world: {**_group(world), "pk": world.health_check.pk},
    "learning:health_check_share_withdraw": lambda world: {
        **_group(world),
        "pk": world.health_check.pk,
        "share_pk": world.health_check_share.pk,
    },
    "learning:support_organisation": _group,
    "learning:thread_hide": lambda world: {"slug": world.circle.slug, "pk": world.thread.pk},
    "learning:circle_invite": lambda world: {"slug": world.circle.slug},
    "learning:meetup_new": lambda world: {"slug": world.circle.slug},
    "learning:meetup_ics": lambda world: {"slug": world.circle.slug, "pk": world.meetup.pk},
    "learning:digest_set": lambda world: {"slug": world.circle.slug},
    "learning:calendar_renew": lambda world: {"slug": world.circle.slug},
    "learning:invitation": lambda world: {"secret": world.invitation.secret},
    "learning:calendar_feed": lambda world: {"secret": world.feed_secret},
    "learning:support_request": _on("support_request"),
    "learning:support_take_on": _on("support_request"),
    "learning:support_note": _on("support_request"),
    "learning:support_how_it_went": _on("support_request"),
    "learning:circle": lambda world: {"slug": world.circle.slug},
    "learning:circle_join": lambda world: {"slug": "route-open-circle"},
    "learning:circle_reports": lambda world: {"slug": world.circle.slug},
    "learning:thread_new": lambda world: {"slug": world.circle.slug},
    "learning:thread": lambda world: {"slug": world.circle.slug, "pk": world.thread.pk},
    "learning:reply_report": lambda world: {"slug": world.circle.slug, "pk": world.reply.pk},
    "learning:reply_hide": lambda world: {"slug": world.circle.slug, "pk": world.reply.pk},
    "learning:prompt_answer": lambda world: {
        **_group(world),
        "pk": world.prompt.pk,
        "answer": "done",
    },
    "learning:guide": lambda world: {"slug": world.guide.slug},
    "learning:guide_edit": lambda world: {"slug": world.guide.slug, "language": "cy"},
    "learning:guide_publish": lambda world: {
        "slug": world.guide.slug,
        "language": "cy",
        "number": 1,
    },
    "learning:circle_moderators": lambda world: {"slug": world.circle.slug},
}


def _demand_service(world: World) -> dict[str, Any]:
    return {"slug": world.demand_service.slug}


DEMAND_ARGUMENTS: dict[str, Arguments] = {
    f"demand:{name}": _demand_service
    for name in (
        "service",
        "log",
        "note_new",
        "settings",
        "contacts_csv",
        "chart_csv",
        "import",
        "import_confirm",
        "tally_sheet",
    )
}


def _board(world: World) -> dict[str, Any]:
    return {"slug": world.board.slug}


def _proposal(world: World) -> dict[str, Any]:
    return {"slug": world.board.slug, "pk": world.proposal.pk}


DEMAND_ARGUMENTS |= {f"demand:{name}": _board for name in ("board", "you_said", "proposal_new")}
DEMAND_ARGUMENTS |= {
    f"demand:{name}": _proposal
    for name in ("proposal", "vote", "comment", "status", "hide", "show")
}

ARGUMENTS: dict[str, Arguments] = {
    **TIMEBANK_ARGUMENTS,
    **LEARNING_ARGUMENTS,
    **BUDGETS_ARGUMENTS,
    **DEMAND_ARGUMENTS,
    **OUTCOMES_ARGUMENTS,
    "directory:listing": _listing,
    "directory:claim": _listing,
    "directory:listing_calendar": _listing,
    "directory:listing_edit": _listing,
    "directory:listing_confirm": _listing,
    "directory:offer_add": _listing,
    "directory:claim_complete": lambda world: {"token": world.claim_token},
    "directory:suggestion_review": _suggestion,
    "directory:suggestion_approve": _suggestion,
    "directory:suggestion_merge": _suggestion,
    "directory:suggestion_reject": _suggestion,
    "directory:offer": _offer,
    "directory:offer_edit": _offer,
    "directory:offer_calendar": _offer,
    "openreferral:service": lambda world: {"service_id": world.offer.uuid},
    "openreferral:service_at_location": lambda world: {"link_id": world.offer_place.uuid},
    "openreferral:taxonomy": lambda world: {"taxonomy_id": world.term.taxonomy.uuid},
    "openreferral:taxonomy_term": lambda world: {"term_id": world.term.uuid},
    "openreferral:no_such_path": lambda world: {"rest": "services/"},
    "grants:programme_detail": _slug,
    "grants:eligibility": lambda world: {**_slug(world), "number": 1},
    "grants:funded": _slug,
    "grants:business_plan_template": _slug,
    "grants:planning_sessions": _slug,
    "grants:planning_session_book": lambda world: {**_slug(world), "pk": world.session.pk},
    "grants:business_plan": _on("draft"),
    "grants:application_start": _slug,
    "grants:application_status": _on("shortlisted"),
    "grants:application_feedback": _on("shortlisted"),
    "grants:accept": _on("awarded"),
    "grants:report": _on("awarded"),
    "grants:money": _on("draft"),
    "grants:spend_line_remove": lambda world: {"pk": world.draft.pk, "line": world.spend_line.pk},
    "grants:check_answers": _on("draft"),
    "grants:question": lambda world: {"pk": world.draft.pk, "question": "about-you"},
    "grants:programme_applications": _slug,
    "grants:dashboard": _slug,
    "grants:review": _on("shortlisted"),
    "grants:sift": _on("shortlisted"),
    "grants:attachment": _on("shortlisted"),
    "grants:assign": _on("shortlisted"),
    "grants:conversation": _on("shortlisted"),
    "grants:recommend": _on("shortlisted"),
    "grants:shortlist": _on("shortlisted"),
    "grants:decide": _on("shortlisted"),
    "grants:pay": _on("awarded"),
    "grants:record_acceptance": _on("awarded"),
    "grants:apply_on_behalf": _slug,
    "grants:panel_new": _slug,
    "grants:panel_pack": _on("panel"),
    "grants:panel_application": lambda world: {
        "pk": world.panel.pk,
        "application_pk": world.shortlisted.pk,
    },
    "grants:budget": _slug,
    "grants:programme_new": lambda world: {"slug": world.programme.funder.slug},
    "grants:programme_setup": _slug,
    "grants:programme_publish": _slug,
    "grants:programme_tier_new": _slug,
    "grants:programme_categories": _slug,
    "grants:programme_questions": _slug,
    "grants:programme_plan_questions": _slug,
    "grants:programme_section": lambda world: {**_slug(world), "section": "details"},
    "grants:holding_partners": lambda world: {"slug": world.programme.funder.slug},
    "grants:holding_partner": lambda world: {"slug": world.partner.slug},
    "grants:held_money_record": lambda world: {
        "slug": world.partner.slug,
        "pk": world.awarded.award.pk,
    },
    "accounts:consent_withdraw": _on("consent"),
    # Staff acting on a request made by post or phone: about the group member.
    "accounts:person_data_request": lambda world: {"pk": world.people["group member"].pk},
    "accounts:person_data": lambda world: {"pk": world.people["group member"].pk},
    "accounts:person_erase": lambda world: {"pk": world.people["group member"].pk},
    "account_reset_password_from_key": lambda world: {"uidb36": "1", "key": "not-a-real-key"},
}
