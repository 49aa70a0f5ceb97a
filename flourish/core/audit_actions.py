"""What each audit action is called where a person reads it: their copy of their data.

An action is stored as a code (`timebank.exchange_recorded`) so that the trail can be
searched and counted; people read it in their own language. Every action an app
records (its `events.py`) is named here: a test fails for one that is not.
"""

from django.utils.translation import pgettext_lazy

# Each has the context "audit trail", so that it never shares a translation with the same
# English elsewhere (a button, a heading, a month). It is written out in every call:
# makemessages reads only a literal context.
ACTION_NAMES = {
    "accounts.consent_recorded": pgettext_lazy("audit trail", "Consent recorded"),
    "accounts.consent_withdrawn": pgettext_lazy("audit trail", "Consent withdrawn"),
    "accounts.person_data_copied": pgettext_lazy("audit trail", "Copy of personal data made"),
    "accounts.person_erased": pgettext_lazy("audit trail", "Personal data erased"),
    "accounts.preferences_updated": pgettext_lazy("audit trail", "Preferences changed"),
    "budgets.booking_asked": pgettext_lazy("audit trail", "Booking asked for"),
    "budgets.booking_cancelled": pgettext_lazy("audit trail", "Booking cancelled"),
    "budgets.booking_confirmed": pgettext_lazy("audit trail", "Booking confirmed"),
    "budgets.booking_declined": pgettext_lazy("audit trail", "Booking declined"),
    "budgets.booking_session_paid": pgettext_lazy("audit trail", "Booked session paid"),
    "budgets.broker_invited": pgettext_lazy("audit trail", "Broker invited"),
    "budgets.broker_withdrawn": pgettext_lazy("audit trail", "Consent for a broker withdrawn"),
    "budgets.budget_recorded": pgettext_lazy("audit trail", "Personal budget recorded"),
    "budgets.columns_saved": pgettext_lazy("audit trail", "Statement columns saved"),
    "budgets.outside_spending_recorded": pgettext_lazy(
        "audit trail", "Spending outside Flourish recorded"
    ),
    "budgets.period_paid_in": pgettext_lazy("audit trail", "Money paid into a personal budget"),
    "budgets.plan_saved": pgettext_lazy("audit trail", "Support plan saved"),
    "budgets.pool_contributed": pgettext_lazy("audit trail", "Money paid into a pool"),
    "budgets.pool_formed": pgettext_lazy("audit trail", "Pool set up"),
    "budgets.pool_joined": pgettext_lazy("audit trail", "Pool joined"),
    "budgets.pool_left": pgettext_lazy("audit trail", "Left a pool"),
    "budgets.proposal_decided": pgettext_lazy("audit trail", "Proposal decided"),
    "budgets.proposal_made": pgettext_lazy("audit trail", "Proposal made"),
    "budgets.proposal_outcome_recorded": pgettext_lazy(
        "audit trail", "Result of a proposal recorded"
    ),
    "budgets.receipt_opened": pgettext_lazy("audit trail", "Receipt opened"),
    "budgets.statement_note_saved": pgettext_lazy("audit trail", "Note on a statement line saved"),
    "budgets.statements_downloaded": pgettext_lazy("audit trail", "Statements downloaded"),
    "budgets.statements_made": pgettext_lazy("audit trail", "Monthly statements made"),
    "budgets.threshold_set": pgettext_lazy("audit trail", "Threshold for unspent money set"),
    "budgets.vote_cast": pgettext_lazy("audit trail", "Vote cast"),
    "core.encryption_keys_rotated": pgettext_lazy("audit trail", "Encryption keys changed"),
    "core.sensitive_record_read": pgettext_lazy("audit trail", "Sensitive details shown"),
    "demand.board_created": pgettext_lazy("audit trail", "Board opened"),
    "demand.comment_hidden": pgettext_lazy("audit trail", "Comment hidden"),
    "demand.comment_made": pgettext_lazy("audit trail", "Comment added"),
    "demand.comment_shown_again": pgettext_lazy("audit trail", "Comment shown again"),
    "demand.contact_logged": pgettext_lazy("audit trail", "Contact logged"),
    "demand.contacts_imported": pgettext_lazy("audit trail", "Contacts imported"),
    "demand.feedback_left": pgettext_lazy("audit trail", "Feedback on applying given"),
    "demand.note_added": pgettext_lazy("audit trail", "Change noted"),
    "demand.proposal_hidden": pgettext_lazy("audit trail", "Proposal hidden"),
    "demand.proposal_made": pgettext_lazy("audit trail", "Proposal made"),
    "demand.proposal_shown_again": pgettext_lazy("audit trail", "Proposal shown again"),
    "demand.proposal_status_emailed": pgettext_lazy("audit trail", "Proposal update emailed"),
    "demand.proposal_status_set": pgettext_lazy("audit trail", "Proposal status changed"),
    "demand.service_changed": pgettext_lazy("audit trail", "Service changed"),
    "demand.service_created": pgettext_lazy("audit trail", "Service added"),
    "demand.vote_cast": pgettext_lazy("audit trail", "Vote cast"),
    "directory.listing_approved": pgettext_lazy("audit trail", "Listing approved"),
    "directory.listing_claim_requested": pgettext_lazy(
        "audit trail", "Link to claim a listing asked for"
    ),
    "directory.listing_claimed": pgettext_lazy("audit trail", "Listing claimed"),
    "directory.listing_confirmed": pgettext_lazy("audit trail", "Listing confirmed as still right"),
    "directory.listing_hidden": pgettext_lazy("audit trail", "Listing hidden"),
    "directory.listing_marked_stale": pgettext_lazy(
        "audit trail", "Listing marked as not confirmed recently"
    ),
    "directory.listing_merged": pgettext_lazy("audit trail", "Suggestion merged into a listing"),
    "directory.listing_rejected": pgettext_lazy("audit trail", "Suggested group turned down"),
    "directory.listing_suggested": pgettext_lazy(
        "audit trail", "Group suggested for the directory"
    ),
    "directory.listing_updated": pgettext_lazy("audit trail", "Listing changed"),
    "directory.listings_imported": pgettext_lazy(
        "audit trail", "Groups imported into the directory"
    ),
    "directory.offer_created": pgettext_lazy("audit trail", "Offer added"),
    "directory.offer_updated": pgettext_lazy("audit trail", "Offer changed"),
    "grants.application_answered": pgettext_lazy("audit trail", "Application draft updated"),
    "grants.application_contact_erased": pgettext_lazy(
        "audit trail", "Contact details removed from an application"
    ),
    "grants.application_declined": pgettext_lazy("audit trail", "Application declined"),
    "grants.application_shortlisted": pgettext_lazy("audit trail", "Application shortlisted"),
    "grants.application_sifted": pgettext_lazy(
        "audit trail", "Application checked for eligibility"
    ),
    "grants.application_started": pgettext_lazy("audit trail", "Application started"),
    "grants.application_submitted": pgettext_lazy("audit trail", "Application sent"),
    "grants.associate_assigned": pgettext_lazy(
        "audit trail", "Associate assigned to an application"
    ),
    "grants.award_accepted": pgettext_lazy("audit trail", "Grant accepted"),
    "grants.award_made": pgettext_lazy("audit trail", "Grant awarded"),
    "grants.award_paid": pgettext_lazy("audit trail", "Grant paid"),
    "grants.conflict_declared": pgettext_lazy("audit trail", "Conflict of interest declared"),
    "grants.conversation_logged": pgettext_lazy("audit trail", "Follow-up conversation logged"),
    "grants.held_money_moved": pgettext_lazy(
        "audit trail", "Money passed on or spent by a holding partner"
    ),
    "grants.holding_partner_added": pgettext_lazy("audit trail", "Holding partner added"),
    "grants.panel_created": pgettext_lazy("audit trail", "Panel set up"),
    "grants.panel_vote_cast": pgettext_lazy("audit trail", "Panel vote cast"),
    "grants.planning_session_booked": pgettext_lazy("audit trail", "Planning session booked"),
    "grants.programme_budget_added": pgettext_lazy(
        "audit trail", "Money added to a programme budget"
    ),
    "grants.programme_created": pgettext_lazy("audit trail", "Programme set up"),
    "grants.programme_updated": pgettext_lazy("audit trail", "Programme changed"),
    "grants.recommendation_written": pgettext_lazy("audit trail", "Recommendation written"),
    "grants.report_reminder_sent": pgettext_lazy("audit trail", "Report reminder sent"),
    "grants.report_submitted": pgettext_lazy("audit trail", "Report sent"),
    "grants.spend_line_added": pgettext_lazy("audit trail", "Spend line added"),
    "grants.spend_line_removed": pgettext_lazy("audit trail", "Spend line taken out"),
    "grants.take_over_invited": pgettext_lazy(
        "audit trail", "Invitation to take over an application sent"
    ),
    "learning.circle_invited": pgettext_lazy("audit trail", "Circle invitation sent"),
    "learning.circle_joined": pgettext_lazy("audit trail", "Circle joined"),
    "learning.digest_changed": pgettext_lazy("audit trail", "Circle email choice changed"),
    "learning.digests_sent": pgettext_lazy("audit trail", "Circle update emails sent"),
    "learning.feed_renewed": pgettext_lazy("audit trail", "New calendar address made"),
    "learning.guide_created": pgettext_lazy("audit trail", "Guide created"),
    "learning.guide_feedback_given": pgettext_lazy("audit trail", "Feedback on a guide given"),
    "learning.guide_published": pgettext_lazy("audit trail", "Guide published"),
    "learning.guide_version_saved": pgettext_lazy("audit trail", "Guide draft saved"),
    "learning.health_check_done": pgettext_lazy("audit trail", "Health check done"),
    "learning.health_check_share_withdrawn": pgettext_lazy(
        "audit trail", "Health check no longer shared"
    ),
    "learning.health_check_shared": pgettext_lazy("audit trail", "Health check shared"),
    "learning.invitation_accepted": pgettext_lazy("audit trail", "Circle invitation accepted"),
    "learning.meetup_added": pgettext_lazy("audit trail", "Meet-up added"),
    "learning.moderator_added": pgettext_lazy("audit trail", "Moderator added"),
    "learning.moderator_removed": pgettext_lazy("audit trail", "Moderator removed"),
    "learning.prompt_answered": pgettext_lazy(
        "audit trail", "Suggested guide marked done or not relevant"
    ),
    "learning.prompt_emails_changed": pgettext_lazy(
        "audit trail", "Email choice for suggested guides changed"
    ),
    "learning.prompt_offered": pgettext_lazy("audit trail", "Guide suggested to a group"),
    "learning.reply_hidden": pgettext_lazy("audit trail", "Reply hidden"),
    "learning.reply_posted": pgettext_lazy("audit trail", "Reply posted"),
    "learning.reply_reported": pgettext_lazy("audit trail", "Reply reported"),
    "learning.support_asked": pgettext_lazy("audit trail", "Support asked for"),
    "learning.support_note_logged": pgettext_lazy("audit trail", "Support conversation logged"),
    "learning.support_organisation_chosen": pgettext_lazy(
        "audit trail", "Support organisation chosen"
    ),
    "learning.support_rated": pgettext_lazy("audit trail", "Feedback on support given"),
    "learning.support_taken_on": pgettext_lazy("audit trail", "Support request taken on"),
    "learning.thread_hidden": pgettext_lazy("audit trail", "Conversation hidden"),
    "learning.thread_started": pgettext_lazy("audit trail", "Conversation started"),
    "ledger.account_limits_set": pgettext_lazy("audit trail", "Account limits set"),
    "ledger.account_opened": pgettext_lazy("audit trail", "Account opened"),
    "ledger.account_unlinked": pgettext_lazy("audit trail", "Account unlinked from its owner"),
    "ledger.transaction_posted": pgettext_lazy("audit trail", "Transaction recorded"),
    "ledger.transaction_reversed": pgettext_lazy("audit trail", "Transaction reversed"),
    "outcomes.checkin_recorded": pgettext_lazy("audit trail", "Check-in recorded"),
    "outcomes.goal_finished": pgettext_lazy("audit trail", "Goal finished"),
    "outcomes.goal_in_totals_set": pgettext_lazy(
        "audit trail", "Goal counted in or left out of totals"
    ),
    "outcomes.goal_linked": pgettext_lazy("audit trail", "Goal linked"),
    "outcomes.goal_paused": pgettext_lazy("audit trail", "Goal paused"),
    "outcomes.goal_reminder_set": pgettext_lazy("audit trail", "Goal reminder set"),
    "outcomes.goal_replaced": pgettext_lazy("audit trail", "Goal replaced"),
    "outcomes.goal_resumed": pgettext_lazy("audit trail", "Goal started again"),
    "outcomes.goal_reviewed": pgettext_lazy("audit trail", "Goal reviewed"),
    "outcomes.goal_reworded": pgettext_lazy("audit trail", "Goal reworded"),
    "outcomes.goal_set": pgettext_lazy("audit trail", "Goal set"),
    "outcomes.goal_unlinked": pgettext_lazy("audit trail", "Goal link taken back"),
    "outcomes.group_share_withdrawn": pgettext_lazy("audit trail", "No longer shared with a group"),
    "outcomes.group_shared": pgettext_lazy("audit trail", "Shared with a group"),
    "outcomes.helper_invited": pgettext_lazy("audit trail", "Someone invited to a goal"),
    "outcomes.helper_withdrawn": pgettext_lazy("audit trail", "Invitation to a goal withdrawn"),
    "outcomes.instrument_loaded": pgettext_lazy("audit trail", "Measure added or updated"),
    "outcomes.review_reminder_sent": pgettext_lazy("audit trail", "Goal review reminder sent"),
    "outcomes.series_share_withdrawn": pgettext_lazy("audit trail", "Check-ins no longer shared"),
    "outcomes.series_shared": pgettext_lazy("audit trail", "Check-ins shared with someone"),
    "outcomes.totals_joined": pgettext_lazy("audit trail", "Agreed to be counted in totals"),
    "outcomes.totals_left": pgettext_lazy("audit trail", "Stopped being counted in totals"),
    "outcomes.totals_read": pgettext_lazy("audit trail", "Totals viewed"),
    "timebank.check_reminder_sent": pgettext_lazy(
        "audit trail", "Safeguarding check reminder sent"
    ),
    "timebank.concern_raised": pgettext_lazy("audit trail", "Concern raised"),
    "timebank.created": pgettext_lazy("audit trail", "Timebank set up"),
    "timebank.exchange_agreed": pgettext_lazy("audit trail", "Exchange time agreed"),
    "timebank.exchange_asked": pgettext_lazy("audit trail", "Exchange asked for"),
    "timebank.exchange_confirmed": pgettext_lazy("audit trail", "Exchange confirmed"),
    "timebank.exchange_declined": pgettext_lazy("audit trail", "Exchange declined"),
    "timebank.exchange_disputed": pgettext_lazy("audit trail", "Exchange disputed"),
    "timebank.exchange_recorded": pgettext_lazy("audit trail", "Exchange recorded"),
    "timebank.exchange_reversed": pgettext_lazy("audit trail", "Exchange corrected"),
    "timebank.gift_given": pgettext_lazy("audit trail", "Hours given to the community pot"),
    "timebank.imported": pgettext_lazy("audit trail", "Members imported into a timebank"),
    "timebank.listing_closed": pgettext_lazy("audit trail", "Offer or request for help closed"),
    "timebank.listing_created": pgettext_lazy("audit trail", "Offer or request for help listed"),
    "timebank.member_approved": pgettext_lazy("audit trail", "Member approved"),
    "timebank.member_asked": pgettext_lazy("audit trail", "Asked to join a timebank"),
    "timebank.member_check_recorded": pgettext_lazy("audit trail", "Check on a member recorded"),
    "timebank.member_erased": pgettext_lazy(
        "audit trail", "Member's words removed from a timebank"
    ),
    "timebank.member_left": pgettext_lazy("audit trail", "Member left a timebank"),
    "timebank.mentee_asked": pgettext_lazy("audit trail", "Mentor asked for"),
    "timebank.mentor_applied": pgettext_lazy("audit trail", "Offered to mentor"),
    "timebank.mentor_approved": pgettext_lazy("audit trail", "Mentor approved"),
    "timebank.pair_accepted": pgettext_lazy("audit trail", "Mentoring match accepted"),
    "timebank.pair_aims_agreed": pgettext_lazy("audit trail", "Mentoring aims saved"),
    "timebank.pair_declined": pgettext_lazy("audit trail", "Mentoring match declined"),
    "timebank.pair_ended": pgettext_lazy("audit trail", "Mentoring ended"),
    "timebank.pair_proposed": pgettext_lazy("audit trail", "Mentoring match suggested"),
    "timebank.partnership_accepted": pgettext_lazy("audit trail", "Timebank partnership accepted"),
    "timebank.partnership_asked": pgettext_lazy("audit trail", "Timebank partnership asked for"),
    "timebank.partnership_declined": pgettext_lazy("audit trail", "Timebank partnership declined"),
    "timebank.partnership_ended": pgettext_lazy("audit trail", "Timebank partnership ended"),
    "timebank.pot_drawn": pgettext_lazy("audit trail", "Hours given from the community pot"),
    "timebank.scheme_created": pgettext_lazy("audit trail", "Mentoring scheme set up"),
    "timebank.session_logged": pgettext_lazy("audit trail", "Mentoring session logged"),
    "timebank.settings_changed": pgettext_lazy("audit trail", "Timebank settings changed"),
}


def action_name(action: str) -> str:
    """The action in the reader's language; an unknown code (from an older version, say)
    as the words of its code."""
    name = ACTION_NAMES.get(action)
    return str(name) if name is not None else action.split(".")[-1].replace("_", " ").capitalize()
