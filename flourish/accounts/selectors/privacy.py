"""Reads for people's rights to their data: everything held about a person, who has
read their records, and finding a person for a request made by post or phone."""

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from flourish.accounts.models import Consent, Membership, User
from flourish.accounts.rules import is_administrator
from flourish.core.audit_actions import action_name
from flourish.core.formatting import format_moment
from flourish.core.models import AuditEvent
from flourish.core.privacy import audit_events_about, record_reads_about
from flourish.grants import privacy as grants_privacy
from flourish.ledger import privacy as ledger_privacy
from flourish.outcomes import privacy as outcomes_privacy
from flourish.timebank import privacy as timebank_privacy

Row = dict[str, str]

SECTION_TITLES = {
    "account": gettext_lazy("Your account and preferences"),
    "email_addresses": gettext_lazy("Email addresses you sign in with"),
    "memberships": gettext_lazy("Your organisations and roles"),
    "consents_given": gettext_lazy("People and organisations you let act for you"),
    "consents_received": gettext_lazy("People who let you act for them"),
    "applications": gettext_lazy("Grant applications you made or are the contact for"),
    "panels": gettext_lazy("Your votes and declarations on grant panels"),
    "planning_sessions": gettext_lazy("Planning sessions you booked"),
    "ledger_accounts": gettext_lazy("Your money and time accounts"),
    **timebank_privacy.SECTION_TITLES,
    **outcomes_privacy.SECTION_TITLES,
    "record_reads": gettext_lazy("Who has looked at your information"),
    "audit_events": gettext_lazy("Things done by you or to your records"),
}


@dataclass
class Section:
    key: str
    # A trail read for the download is a generator, so the file streams in flat memory.
    rows: Iterable[Row] = field(default_factory=list)
    # How many rows there are in all, when `rows` holds only the newest of them.
    total: int | None = None

    @property
    def title(self) -> str:
        return str(SECTION_TITLES[self.key])


@dataclass
class PersonData:
    """Everything held about one person, in the order their copy shows it."""

    person: User
    sections: list[Section]
    kept: list[grants_privacy.Kept]

    def json_chunks(self) -> Iterator[str]:
        """The copy as one JSON object, a row at a time: a trail of years is never held
        in memory whole."""
        yield "{"
        for number, section in enumerate(self.sections):
            yield f"{',' if number else ''}\n  {json.dumps(section.key)}: ["
            for index, row in enumerate(section.rows):
                yield f"{',' if index else ''}\n    {json.dumps(row, ensure_ascii=False)}"
            yield "\n  ]"
        yield "\n}\n"


_when = format_moment


def _account(person: User) -> Row:
    has_authenticator = Authenticator.objects.filter(user=person).exists()
    return {
        _("Email address"): person.email,
        _("Name"): person.name,
        _("Joined"): _when(person.date_joined),
        _("Last signed in"): _when(person.last_login),
        _("Language"): person.get_preferred_language_display(),
        _("How we contact you"): person.get_contact_route_display(),
        _("Phone number"): person.phone,
        _("What makes Flourish easier for you"): person.access_needs,
        _("Two-step sign-in"): _("On") if has_authenticator else _("Off"),
    }


def _consent_row(consent: Consent, who: Any) -> Row:
    return {
        _("Who"): str(who),
        _("What for"): consent.get_scope_display(),
        _("How it was given"): consent.get_method_display(),
        _("Notes"): consent.notes,
        _("Given on"): _when(consent.created_at),
        _("Withdrawn on"): _when(consent.withdrawn_at),
    }


def _event_row(event: AuditEvent, person: User) -> Row:
    if event.actor_id is None:
        who = _("Flourish itself")
    elif event.actor_id == person.pk:
        who = _("You")
    else:
        who = str(event.actor)
    return {
        _("When"): _when(event.occurred_at),
        _("Who"): who,
        _("What"): action_name(event.action),
        _("Record"): event.target_label,
        _("Details"): ", ".join(str(name) for name in event.data.get("fields", [])),
    }


def _records_of(person: User) -> list[Model]:
    return list(grants_privacy.applications_for_person(person=person))


def record_reads_for_person(*, person: User) -> QuerySet[AuditEvent]:
    """Every time someone was shown a person's sensitive details or their applications."""
    return record_reads_about(person=person, records=_records_of(person))


def _trail(key: str, events: QuerySet[AuditEvent], person: User, newest: int | None) -> Section:
    """A section of the audit trail: every event, read as it is written out; or, given
    `newest`, the newest that many and how many there are in all."""
    if newest is None:
        return Section(key, (_event_row(event, person) for event in events.iterator(500)))
    shown = list(events[:newest])
    total = events.count() if len(shown) == newest else len(shown)
    return Section(key, [_event_row(event, person) for event in shown], total=total)


def person_data(*, person: User, newest: int | None = None) -> PersonData:
    """Everything Flourish holds about a person: the copy they (or staff for them) download.

    The two trails (who looked, and what was done) grow with every year of use: a page
    shows the `newest` of each, and the download holds them all."""
    records = _records_of(person)
    consents = Consent.objects.select_related("granted_to", "organisation", "given_by")
    grants = grants_privacy.held_about(person=person)
    timebank = timebank_privacy.held_about(person=person)
    outcomes = outcomes_privacy.held_about(person=person)
    sections = [
        Section("account", [_account(person)]),
        Section(
            "email_addresses",
            [
                {
                    _("Email address"): address.email,
                    _("Checked"): _("Yes") if address.verified else _("No"),
                }
                for address in EmailAddress.objects.filter(user=person)
            ],
        ),
        Section(
            "memberships",
            [
                {
                    _("Organisation"): membership.organisation.name,
                    _("Role"): membership.get_role_display(),
                    _("Since"): _when(membership.created_at),
                }
                for membership in Membership.objects.filter(user=person).select_related(
                    "organisation"
                )
            ],
        ),
        Section(
            "consents_given",
            [
                _consent_row(consent, consent.granted_to or consent.organisation)
                for consent in consents.filter(given_by=person)
            ],
        ),
        Section(
            "consents_received",
            [
                _consent_row(consent, consent.given_by)
                for consent in consents.filter(granted_to=person)
            ],
        ),
        Section("applications", grants["applications"]),
        Section("panels", grants["panels"]),
        Section("planning_sessions", grants["planning_sessions"]),
        Section("ledger_accounts", ledger_privacy.accounts_held_by(person=person)),
        *(Section(key, rows) for key, rows in timebank.items()),
        *(Section(key, rows) for key, rows in outcomes.items()),
        _trail("record_reads", record_reads_about(person=person, records=records), person, newest),
        _trail("audit_events", audit_events_about(person=person, records=records), person, newest),
    ]
    return PersonData(
        person=person, sections=sections, kept=grants_privacy.records_to_keep(person=person)
    )


def person_find_for_staff(*, user: Any, email: str) -> QuerySet[User]:
    """Staff find the person who wrote or phoned in by their exact email address."""
    if not is_administrator(user):
        raise Http404
    return User.objects.filter(email__iexact=email.strip(), is_active=True).order_by("pk")


def get_person_for_staff(*, user: Any, pk: int) -> User:
    """A person whose request an administrator is handling; anyone else gets 404."""
    if not is_administrator(user):
        raise Http404
    try:
        return User.objects.get(pk=pk, is_active=True)
    except User.DoesNotExist as error:
        raise Http404 from error
