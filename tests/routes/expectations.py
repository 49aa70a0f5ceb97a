"""What each kind of person must get from each URL. Every URL the project answers needs an
entry here (the admin's pages share one rule): a new page without one fails the sweep,
so whoever adds it says, on purpose, who may see it."""

from dataclasses import dataclass

from tests.routes.sweep import (
    BAD_REQUEST,
    HIDDEN,
    LOGIN,
    PAGE,
    POST_ONLY,
    REDIRECT,
    REFUSED,
)
from tests.routes.world import (
    ADMIN,
    ANONYMOUS,
    ASSOCIATE,
    LEAD,
    MEMBER,
    OTHER_GROUP,
    PANEL,
    PEOPLE,
    STAFF,
)

Outcome = str | frozenset[str]  # one outcome, or any of a few
Outcomes = dict[str, Outcome]
SIGNED_IN_PEOPLE = tuple(person for person in PEOPLE if person != ANONYMOUS)
# The group lead also coordinates the sweep's timebank, so has an authenticator too.
WITH_AUTHENTICATOR = (LEAD, ASSOCIATE, PANEL, STAFF, ADMIN)


@dataclass(frozen=True)
class Expect:
    get: Outcomes
    # For a form's target that answers only POST: what an empty POST gets.
    post: Outcomes | None = None


def each(outcome: Outcome, **overrides: Outcome) -> Outcomes:
    return {person: outcome for person in PEOPLE} | overrides


def _by(people: tuple[str, ...], yes: str, no: str) -> Outcomes:
    return {person: yes if person in people else no for person in PEOPLE}


EVERYONE = Expect(each(PAGE))
SIGNED_IN = Expect(each(PAGE, **{ANONYMOUS: LOGIN}))


def only(*people: str, anonymous: str = LOGIN) -> Expect:
    """A private page: these people see it, anyone else signed in is told nothing."""
    return Expect(_by(people, PAGE, HIDDEN) | {ANONYMOUS: anonymous})


def posted_by(*people: str) -> Expect:
    """A form's target (POST only): these people are sent on, anyone else is told nothing."""
    return Expect(
        get=each(POST_ONLY, **{ANONYMOUS: LOGIN}),
        post=_by(people, REDIRECT, HIDDEN) | {ANONYMOUS: LOGIN},
    )


def acted_on_by(*people: str) -> Expect:
    """A POST-only action: these people get the page again (with a reason) or are sent on."""
    return Expect(
        get=each(POST_ONLY, **{ANONYMOUS: LOGIN}),
        post=_by(people, "", HIDDEN)
        | dict.fromkeys(people, frozenset({PAGE, REDIRECT}))
        | {ANONYMOUS: LOGIN},
    )


OWN_HOURS = Expect(_by((MEMBER,), PAGE, HIDDEN) | {LEAD: REDIRECT, ANONYMOUS: LOGIN})


def _with_authenticator(yes: str, no: str) -> Expect:
    return Expect(_by(WITH_AUTHENTICATOR, yes, no) | {ANONYMOUS: LOGIN})


FOR_SIGNING_IN = Expect(each(REDIRECT, **{ANONYMOUS: PAGE}))  # signed in: sent on
SENT_ON = Expect(each(REDIRECT, **{ANONYMOUS: LOGIN}))

EXPECTATIONS: dict[str, Expect] = {
    "core:home": EVERYONE,
    "core:accessibility": EVERYONE,
    "core:privacy": EVERYONE,
    "core:audit": only(ADMIN, anonymous=HIDDEN),
    "directory:search": EVERYONE,
    "directory:suggest": EVERYONE,
    "directory:import": only(ADMIN),
    # With nothing just suggested in this session, the thank-you page sends you to suggest.
    "directory:suggested": Expect(each(REDIRECT)),
    "directory:suggestion_list": only(ADMIN),
    "directory:suggestion_review": only(ADMIN),
    "directory:suggestion_approve": posted_by(ADMIN),
    # An empty merge or refusal is a form with a problem, shown again to the coordinator.
    "directory:suggestion_merge": Expect(
        get=each(POST_ONLY, **{ANONYMOUS: LOGIN}),
        post=_by((ADMIN,), BAD_REQUEST, HIDDEN) | {ANONYMOUS: LOGIN},
    ),
    "directory:suggestion_reject": Expect(
        get=each(POST_ONLY, **{ANONYMOUS: LOGIN}),
        post=_by((ADMIN,), BAD_REQUEST, HIDDEN) | {ANONYMOUS: LOGIN},
    ),
    "directory:import_confirm": posted_by(ADMIN),
    "directory:listing": EVERYONE,
    # Anyone may ask for the claim email; it goes to the listing's own address.
    "directory:claim": Expect(get=each(POST_ONLY), post=each(REDIRECT)),
    "directory:listing_calendar": EVERYONE,
    "directory:listing_edit": only(LEAD, ADMIN),
    "directory:listing_confirm": posted_by(LEAD, ADMIN),
    "directory:offer_add": only(LEAD, ADMIN),
    # The emailed link itself is the proof: whoever follows it may take the listing on.
    "directory:claim_complete": SIGNED_IN,
    "directory:offer": EVERYONE,
    "directory:offer_edit": only(LEAD, ADMIN),
    "directory:offer_calendar": EVERYONE,
    "openreferral:root": EVERYONE,
    "openreferral:openapi": EVERYONE,
    "openreferral:services": EVERYONE,
    "openreferral:service": EVERYONE,
    "openreferral:service_at_locations": EVERYONE,
    "openreferral:service_at_location": EVERYONE,
    "openreferral:taxonomies": EVERYONE,
    "openreferral:taxonomy": EVERYONE,
    "openreferral:taxonomy_terms": EVERYONE,
    "openreferral:taxonomy_term": EVERYONE,
    # Any other address under the API: a JSON "not found" for everyone.
    "openreferral:no_such_path": Expect(each(HIDDEN)),
    "grants:programme_list": EVERYONE,
    "grants:threesixtygiving_json": EVERYONE,
    "grants:programme_detail": EVERYONE,
    "grants:eligibility": EVERYONE,
    "grants:funded": EVERYONE,
    "grants:business_plan_template": EVERYONE,
    "grants:planning_sessions": EVERYONE,
    "grants:planning_session_book": posted_by(*SIGNED_IN_PEOPLE),
    "grants:business_plan": only(LEAD, MEMBER),
    "grants:application_start": SIGNED_IN,
    "grants:my_applications": SIGNED_IN,
    "grants:application_status": only(LEAD, MEMBER),
    "grants:application_feedback": acted_on_by(LEAD, MEMBER),
    "grants:accept": posted_by(LEAD, MEMBER),
    "grants:report": only(LEAD, MEMBER),
    "grants:money": only(LEAD, MEMBER),
    "grants:spend_line_remove": posted_by(LEAD, MEMBER),
    "grants:check_answers": only(LEAD, MEMBER),
    "grants:question": only(LEAD, MEMBER),
    "grants:manage": SIGNED_IN,
    "grants:programme_applications": only(STAFF),
    "grants:dashboard": only(STAFF),
    "grants:review": only(STAFF, ASSOCIATE, PANEL),
    "grants:sift": only(STAFF),
    # Uploads can carry a voice or a face: the panel reads the application, not the upload.
    "grants:attachment": only(STAFF, ASSOCIATE),
    "grants:assign": only(STAFF),
    "grants:conversation": only(STAFF, ASSOCIATE),
    "grants:recommend": only(STAFF, ASSOCIATE),
    "grants:shortlist": posted_by(STAFF),
    "grants:decide": only(STAFF),
    "grants:pay": only(STAFF),
    "grants:record_acceptance": posted_by(STAFF),
    # Associates make most apply-by-phone calls.
    "grants:apply_on_behalf": only(STAFF, ASSOCIATE),
    "grants:panel_new": only(STAFF),
    "grants:panel_pack": only(STAFF, PANEL),
    "grants:panel_application": only(STAFF, PANEL),
    "grants:budget": only(STAFF),
    "grants:programme_new": only(STAFF),
    "grants:programme_setup": only(STAFF),
    "grants:programme_publish": posted_by(STAFF),
    "grants:programme_tier_new": only(STAFF),
    "grants:programme_categories": only(STAFF),
    "grants:programme_questions": only(STAFF),
    "grants:programme_plan_questions": only(STAFF),
    "grants:programme_section": only(STAFF),
    "grants:holding_partners": only(STAFF),
    # Only the holding partner's own people, and nobody here works at one.
    "grants:holding_home": only(),
    "grants:holding_partner": only(),
    "grants:held_money_record": only(),
    "budgets:index": SIGNED_IN,
    "budgets:home": only(MEMBER, STAFF),
    "budgets:plan": only(MEMBER, STAFF),
    "budgets:council": only(STAFF),
    "budgets:budget_new": only(STAFF),
    "budgets:offers": only(MEMBER),
    "budgets:book": only(MEMBER),
    "budgets:booking": only(MEMBER, STAFF),
    "budgets:booking_cancel": acted_on_by(MEMBER),
    "budgets:brokers": only(MEMBER, STAFF),
    "budgets:broker_withdraw": posted_by(MEMBER),
    "budgets:pools": only(MEMBER, STAFF),
    "budgets:statement": only(MEMBER, STAFF),
    "budgets:council_statements": only(STAFF),
    "budgets:pool": only(MEMBER),
    "budgets:proposal_new": only(MEMBER),
    "budgets:proposal_offer": only(MEMBER),
    "budgets:proposal_vote": acted_on_by(MEMBER),
    "budgets:pool_leave": posted_by(MEMBER),
    "budgets:pool_join": only(MEMBER),
    "budgets:receipt": only(LEAD, MEMBER, STAFF),
    "budgets:group_bookings": only(LEAD),
    "budgets:group_booking_act": posted_by(LEAD),
    "budgets:spent_outside": only(MEMBER),
    "budgets:outside_receipt": only(MEMBER, STAFF),
    "budgets:invoice": only(LEAD, MEMBER, STAFF),
    "budgets:council_statement_made": only(STAFF),
    "budgets:proposal_outcome": only(MEMBER),
    "budgets:council_overview": only(STAFF),
    "budgets:statement_note": only(MEMBER),
    "budgets:council_threshold": only(STAFF),
    "budgets:council_columns": only(STAFF),
    "budgets:council_sent": only(STAFF),
    "demand:index": EVERYONE,
    # Anyone who leads an organisation may start a service for it.
    "demand:service_new": only(LEAD, OTHER_GROUP, STAFF, ADMIN),
    # The route service's chart is private: its team only, and nobody is told it exists.
    "demand:service": only(LEAD, MEMBER, anonymous=HIDDEN),
    "demand:chart_csv": only(LEAD, MEMBER, anonymous=HIDDEN),
    "demand:log": only(LEAD, MEMBER),
    "demand:note_new": only(LEAD, MEMBER),
    "demand:contacts_csv": only(LEAD, MEMBER),
    "demand:settings": only(LEAD),
    "demand:import": only(LEAD, MEMBER),
    "demand:import_confirm": posted_by(LEAD, MEMBER),
    "demand:tally_sheet": only(LEAD, MEMBER),
    # The group member is in a personal-budgets pool, so may open a board for it.
    "demand:board_new": only(LEAD, MEMBER, OTHER_GROUP, STAFF, ADMIN),
    # The route board is private: its members only; nobody else is told it exists.
    "demand:board": only(LEAD, MEMBER, anonymous=HIDDEN),
    "demand:you_said": only(LEAD, MEMBER, anonymous=HIDDEN),
    "demand:proposal": only(LEAD, MEMBER, anonymous=HIDDEN),
    "demand:proposal_new": only(LEAD, MEMBER),
    "demand:vote": posted_by(LEAD, MEMBER),
    "demand:comment": acted_on_by(LEAD, MEMBER),
    # Only the board's owners set statuses, hide things and show them again.
    "demand:status": acted_on_by(LEAD),
    "demand:hide": acted_on_by(LEAD),
    "demand:show": posted_by(LEAD),
    # Public boards for anyone; a signed-in person's own boards beside them.
    "demand:boards": EVERYONE,
    "timebank:index": SIGNED_IN,
    "timebank:join": SIGNED_IN,
    "timebank:home": only(LEAD, MEMBER),
    "timebank:search": only(LEAD, MEMBER),
    "timebank:record": only(LEAD, MEMBER),
    "timebank:listing": only(LEAD, MEMBER),
    "timebank:exchange": only(LEAD, MEMBER),
    # A member's own hours: the coordinator, who is not a member, is sent to the home page.
    "timebank:statement": OWN_HOURS,
    "timebank:give": OWN_HOURS,
    "timebank:leave": OWN_HOURS,
    "timebank:listing_new": OWN_HOURS,
    "timebank:exchange_act": acted_on_by(LEAD, MEMBER),
    "timebank:dashboard": only(LEAD),
    "timebank:members": only(LEAD),
    "timebank:member": only(LEAD),
    "timebank:join_by_phone": only(LEAD),
    "timebank:settings": only(LEAD),
    "timebank:report": only(LEAD),
    "timebank:import": only(LEAD),
    "timebank:import_confirm": posted_by(LEAD),
    "timebank:pot_draw": only(LEAD),
    "timebank:refer": only(LEAD),
    "timebank:partners": only(LEAD),
    "timebank:partner_act": posted_by(LEAD),
    "timebank:approve": posted_by(LEAD),
    "timebank:scheme": only(LEAD, MEMBER),
    "timebank:mentor_apply": only(MEMBER),
    "timebank:mentee_ask": only(MEMBER),
    "timebank:mentor_approve": posted_by(LEAD),
    "timebank:suggestions": only(LEAD),
    # Mentoring notes are the pair's own: not even the coordinator reads them.
    "timebank:pair": only(MEMBER),
    "timebank:pair_act": acted_on_by(MEMBER),
    "learning:index": EVERYONE,
    "learning:guide": EVERYONE,
    # Guides are written by the people who run the site.
    "learning:write": only(ADMIN),
    "learning:guide_new": only(ADMIN),
    "learning:guide_edit": only(ADMIN),
    "learning:guide_publish": posted_by(ADMIN),
    # A group's own page: its lead and members only.
    "learning:group": only(LEAD, MEMBER),
    "learning:prompt_answer": posted_by(LEAD, MEMBER),
    "learning:prompt_emails": posted_by(LEAD, MEMBER),
    # The health check is the group's own; support sees it only if the group shares it.
    "learning:health_check": only(LEAD, MEMBER),
    # The sweep's group shared it with the funder it applied to: its staff and associates.
    "learning:health_check_answers": only(LEAD, MEMBER, ASSOCIATE, STAFF),
    "learning:support_ask": only(LEAD, MEMBER),
    # Support is run by the people who run the site, and by the organisation the group
    # names: the sweep's group named its funder, whose associates give support.
    "learning:support_list": only(ADMIN, ASSOCIATE),
    "learning:support_request": only(LEAD, MEMBER, ADMIN, ASSOCIATE),
    "learning:support_take_on": acted_on_by(ADMIN, ASSOCIATE),
    "learning:support_note": acted_on_by(ADMIN, ASSOCIATE),
    # The group says how the help went, not the people who gave it.
    "learning:support_how_it_went": acted_on_by(LEAD, MEMBER),
    # Nothing in a circle is public: its members only. Circles are for people who run a
    # group; anyone else signed in is told so on the list of circles.
    "learning:circles": SIGNED_IN,
    "learning:circle_join": posted_by(*SIGNED_IN_PEOPLE),
    "learning:circle": only(LEAD, OTHER_GROUP),
    "learning:thread_new": only(LEAD, OTHER_GROUP),
    "learning:thread": only(LEAD, OTHER_GROUP),
    "learning:reply_report": only(LEAD, OTHER_GROUP),
    # Only the circle's own moderators.
    "learning:circle_reports": only(LEAD),
    "learning:reply_hide": only(LEAD),
    # The group shares its health check and takes it back; the funder's people read it.
    "learning:health_check_share": acted_on_by(LEAD, MEMBER),
    "learning:health_check_share_withdraw": posted_by(LEAD, MEMBER),
    "learning:shared_health_checks": only(ASSOCIATE, STAFF),
    "learning:support_organisation": acted_on_by(LEAD, MEMBER),
    # Circles' moderators hide conversations, invite and add meet-ups; members download a
    # meet-up, choose their digest and renew their calendar address.
    "learning:thread_hide": only(LEAD),
    "learning:circle_invite": only(LEAD),
    "learning:meetup_new": only(LEAD),
    "learning:meetup_ics": only(LEAD, OTHER_GROUP),
    "learning:digest_set": posted_by(LEAD, OTHER_GROUP),
    "learning:calendar_renew": posted_by(LEAD, OTHER_GROUP),
    # An invitation is for the person signed in with its email (here the group member).
    "learning:invitation": only(MEMBER),
    # Calendar apps cannot sign in: whoever holds the secret address gets the feed.
    "learning:calendar_feed": EVERYONE,
    # Only the circle's own moderators change who moderates it.
    "learning:circle_moderators": only(LEAD),
    # Everyone has their own goals and check-ins (empty until they set one).
    "outcomes:home": SIGNED_IN,
    "outcomes:goal_new": SIGNED_IN,
    "outcomes:looked": SIGNED_IN,
    "outcomes:checkin_list": SIGNED_IN,
    "outcomes:checkin_new": SIGNED_IN,
    "outcomes:checkins": SIGNED_IN,
    "outcomes:totals": SIGNED_IN,
    # The member's goal: theirs, and the lead's because the member invited them to help.
    "outcomes:goal": only(MEMBER, LEAD),
    "outcomes:goal_review": only(MEMBER, LEAD),
    "outcomes:goal_reword": only(MEMBER, LEAD),
    # Replacing, pausing and inviting stay with the person.
    "outcomes:goal_replace": only(MEMBER),
    "outcomes:goal_move": posted_by(MEMBER),
    "outcomes:helper_invite": only(MEMBER),
    "outcomes:helper_withdraw": posted_by(MEMBER),
    # Totals only: the funder's staff for its programme; the lead, and the funder that
    # gave the group an award, for the group.
    "outcomes:programme_totals": only(STAFF),
    "outcomes:group_totals": only(LEAD, STAFF),
    # Reminders to review a goal are the person's own.
    "outcomes:goal_reminder": only(MEMBER),
    # Everyone can share their own check-ins; the member's ONS4 series is shared with the lead.
    "outcomes:series_share": SIGNED_IN,
    "outcomes:series_share_withdraw": posted_by(MEMBER),
    "outcomes:series_shared": only(LEAD),
    # The goals a thing serves: whoever may see the thing (the person names their own).
    "outcomes:serves_support_plan": only(MEMBER, STAFF),
    "outcomes:serves_pool_proposal": only(MEMBER),
    "outcomes:serves_mentoring_pair": only(MEMBER),
    "outcomes:serves_grant_application": only(LEAD, MEMBER, STAFF, ASSOCIATE, PANEL),
    # A council's totals: its own staff. Whether a goal counts in totals: the person.
    "outcomes:council_totals": only(STAFF),
    "outcomes:goal_in_totals": posted_by(MEMBER),
    # A timebank's and its mentoring scheme's totals: the timebank's coordinator (the lead).
    "outcomes:timebank_totals": only(LEAD),
    "outcomes:scheme_totals": only(LEAD),
    # Sharing with one's own group: the person's own choice (anyone may share their own
    # check-ins); the member's ONS4 series, shared with everyone in the route group, is seen by
    # the lead; a lead of a different group, and everyone else, gets 404.
    "outcomes:goal_share_group": only(MEMBER),
    "outcomes:series_share_group": SIGNED_IN,
    "outcomes:group_share_withdraw": posted_by(MEMBER),
    "outcomes:group_series": only(LEAD),
    "accounts:profile": SIGNED_IN,
    "accounts:preferences": SIGNED_IN,
    "accounts:consents": SIGNED_IN,
    # Only the person who gave a consent can withdraw it, not the one it was given to.
    "accounts:consent_withdraw": only(MEMBER),
    "accounts:your_data": SIGNED_IN,
    "accounts:erase": SIGNED_IN,
    "accounts:erased": EVERYONE,
    "accounts:who_has_looked": SIGNED_IN,
    "accounts:people": only(ADMIN),
    "accounts:person_data_request": only(ADMIN),
    "accounts:person_data": only(ADMIN),
    "accounts:person_erase": only(ADMIN),
    "account_login": FOR_SIGNING_IN,
    "account_logout": Expect(each(PAGE, **{ANONYMOUS: REDIRECT})),
    "account_inactive": EVERYONE,
    "account_signup": FOR_SIGNING_IN,
    # Nobody here has a password, so there is nothing to re-enter; two-step people are sent on.
    "account_reauthenticate": _with_authenticator(REDIRECT, REFUSED),
    "account_email": SIGNED_IN,
    "account_email_verification_sent": SENT_ON,
    "account_change_password": SENT_ON,  # to setting one first
    "account_set_password": SIGNED_IN,
    "account_reset_password": EVERYONE,
    "account_confirm_login_code": Expect(each(REDIRECT)),  # no code was asked for
    "account_reset_password_from_key_done": EVERYONE,
    "account_reset_password_from_key": EVERYONE,  # says the link is not valid
    "account_reset_password_done": EVERYONE,
    "account_request_login_code": FOR_SIGNING_IN,
    "mfa_index": SIGNED_IN,
    "mfa_authenticate": SENT_ON,  # nobody is half-way through signing in
    "mfa_reauthenticate": _with_authenticator(PAGE, REFUSED),
    "mfa_activate_totp": _with_authenticator(REDIRECT, PAGE),
    "mfa_deactivate_totp": _with_authenticator(REDIRECT, HIDDEN),
    "mfa_view_recovery_codes": Expect(each(HIDDEN, **{ANONYMOUS: LOGIN})),
    "mfa_generate_recovery_codes": _with_authenticator(REDIRECT, PAGE),
    "mfa_download_recovery_codes": Expect(each(HIDDEN, **{ANONYMOUS: LOGIN})),
    "set_language": Expect(each(REDIRECT)),
    # The admin has no sign-in form: people are sent to ours; anyone else signed in is
    # told nothing is there.
    "admin:login": Expect(each(HIDDEN, **{ANONYMOUS: LOGIN, ADMIN: REDIRECT})),
    "admin:logout": Expect(each(REDIRECT, **{ADMIN: POST_ONLY})),
    # No model links to a public page of its own, so there is nowhere to send an operator.
    "admin:view_on_site": Expect(each(LOGIN, **{ADMIN: HIDDEN})),
}

ADMIN_PREFIX = "django-admin/"
# The operators' admin: everyone else is sent to sign in. An operator may be refused an
# action the admin forbids (deleting a ledger entry) or sent on (to the page's new address).
ADMIN_PAGES = Expect(each(LOGIN, **{ADMIN: frozenset({PAGE, REFUSED, REDIRECT})}))
ADMIN_UNKNOWN_PAGE = Expect(each(LOGIN, **{ADMIN: HIDDEN}))


def expectation_for(key: str, pattern: str) -> Expect | None:
    if key in EXPECTATIONS:
        return EXPECTATIONS[key]
    if pattern == ADMIN_PREFIX + "(?P<url>.*)$":
        return ADMIN_UNKNOWN_PAGE
    if pattern.startswith(ADMIN_PREFIX):
        return ADMIN_PAGES
    return None
