"""Bringing an existing timebank in from a spreadsheet: its members, their offers and their
opening balances (as one ledger transaction), checked row by row, then all or nothing.

The file has one row per member, or more for a member with several offers (the same email
address, or the same name where there is none): their details and opening balance go on
their first row. Opening balances are posted against the community pot, which carries
whatever the old timebank's balances did not add up to."""

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from flourish.accounts.models import ContactRoute, User
from flourish.core.formatting import format_minutes
from flourish.core.services import audit_record
from flourish.core.spreadsheets import spreadsheet_table_read
from flourish.ledger.descriptions import Described
from flourish.ledger.models import LedgerAccount
from flourish.ledger.services import transaction_post
from flourish.timebank import events
from flourish.timebank.models import Direction, HelpKind, Timebank, TimebankMember
from flourish.timebank.services.accounts import pot_account_open
from flourish.timebank.services.listings import listing_create
from flourish.timebank.services.timebanks import member_approve, member_ask_to_join

MAX_ROWS = 2000
# The most anyone could have banked or owe in a timebank, to catch a typing slip.
MOST_HOURS = 2000

# Column headings people use, mapped to what each holds.
HEADINGS = {
    "name": "name",
    "member": "name",
    "email": "email",
    "email address": "email",
    "phone": "phone",
    "phone number": "phone",
    "area": "area",
    "neighbourhood": "area",
    "about": "about",
    "languages": "languages",
    "interests": "interests",
    "offer": "offer",
    "can help with": "offer",
    "kind": "kind",
    "kind of help": "kind",
    "offer details": "details",
    "details": "details",
    "when": "when",
    "balance": "balance",
    "opening balance": "balance",
    "hours": "balance",
}
FIELDS = sorted(set(HEADINGS.values()))
KINDS = {value: value for value in HelpKind.values} | {
    str(label).lower(): value for value, label in HelpKind.choices
}
_HOURS_AND_MINUTES = re.compile(r"(-?)([0-9]{1,9}):([0-5][0-9])")
_DECIMAL_HOURS = re.compile(r"-?(?:[0-9]{1,9}(?:\.[0-9]{0,6})?|\.[0-9]{1,6})")


@dataclass
class ImportRow:
    number: int  # as the spreadsheet numbers it: the headings are row 1
    data: dict[str, str]
    errors: list[str] = field(default_factory=list)
    minutes: int | None = None
    first_row: int | None = None  # for another offer of a member on an earlier row

    @property
    def balance(self) -> str:
        return format_minutes(self.minutes) if self.minutes else ""


def read_import_file(upload: IO[bytes], *, filename: str) -> list[dict[str, str]]:
    """The rows of a CSV or XLSX file as {field: text}; headings in the first row."""
    table = spreadsheet_table_read(upload, filename=filename, max_rows=MAX_ROWS)
    if not table:
        raise ValidationError(_("The file is empty. Put the column headings in the first row."))
    fields = [HEADINGS.get(heading.strip().lower()) for heading in table[0]]
    if "name" not in fields or "area" not in fields:
        raise ValidationError(
            _("The first row must have columns headed 'name' and 'area', and any of the others.")
        )
    if len(table) - 1 > MAX_ROWS:
        raise ValidationError(
            _("The file has more than %(max)d rows. Split it into smaller files.")
            % {"max": MAX_ROWS}
        )
    rows = []
    for values in table[1:]:
        row = dict.fromkeys(FIELDS, "")
        for name, value in zip(fields, values, strict=False):
            if name:
                row[name] = value.strip()
        rows.append(row)
    return rows


def parse_hours(text: str) -> int:
    """Hours as people type them, in minutes: 3, 2.5, -4, or hours and minutes as 1:30."""
    text = text.strip().replace("\u2212", "-").replace(" ", "")
    found = _HOURS_AND_MINUTES.fullmatch(text)
    if found:
        minutes = int(found[2]) * 60 + int(found[3])
        return -minutes if found[1] else minutes
    # Plain decimals only: Decimal() also reads "1e999999999", which overflows.
    if not _DECIMAL_HOURS.fullmatch(text):
        raise ValueError(text)
    return int((Decimal(text) * 60).to_integral_value())


def _key(data: dict[str, str]) -> str:
    return data["email"].lower() or "name:" + " ".join(data["name"].lower().split())


def _check_details(row: ImportRow, timebank: Timebank) -> None:
    data = row.data
    if not data["name"]:
        row.errors.append(_("Name: enter the member's name."))
    elif len(data["name"]) > 150:
        row.errors.append(_("Name: use 150 characters or fewer."))
    if not data["area"]:
        row.errors.append(_("Area: enter a neighbourhood or postcode district, never an address."))
    elif len(data["area"]) > 100:
        row.errors.append(_("Area: use 100 characters or fewer."))
    if data["email"]:
        try:
            validate_email(data["email"])
        except ValidationError:
            row.errors.append(
                _("Email: enter an address like name@example.org, or leave it empty.")
            )
    if data["balance"]:
        _check_balance(row, timebank)


def _check_balance(row: ImportRow, timebank: Timebank) -> None:
    data = row.data
    try:
        minutes = parse_hours(data["balance"])
    except ValueError:
        row.errors.append(
            _("Opening balance: enter hours as a number, like 3, 2.5 or -4, or as 1:30.")
        )
        return
    if abs(minutes) > MOST_HOURS * 60:
        row.errors.append(
            _("Opening balance: %(balance)s is more than %(most)d hours. Check the number.")
            % {"balance": data["balance"], "most": MOST_HOURS}
        )
    elif minutes < timebank.floor_minutes:
        row.errors.append(
            _(
                "Opening balance: %(balance)s is below the timebank's lowest balance "
                "(%(floor)s). Change the settings first, or the balance."
            )
            % {"balance": format_minutes(minutes), "floor": format_minutes(timebank.floor_minutes)}
        )
    row.minutes = minutes


def _check_offer(row: ImportRow) -> None:
    data = row.data
    if not (data["offer"] or data["kind"] or data["details"]):
        return
    if not data["offer"]:
        row.errors.append(_("Offer: say in a few words what they can help with."))
    elif len(data["offer"]) > 120:
        row.errors.append(_("Offer: use 120 characters or fewer."))
    if KINDS.get(data["kind"].strip().lower()) is None:
        row.errors.append(
            _("Kind of help: use one of these: %(kinds)s.")
            % {"kinds": ", ".join(str(label) for label in HelpKind.labels)}
        )


def check_import_rows(*, timebank: Timebank, rows: list[dict[str, str]]) -> list[ImportRow]:
    """Every row checked, with what is wrong with each, in two queries however long the file."""
    checked = [ImportRow(number=number, data=row) for number, row in enumerate(rows, start=2)]
    emails = {row.data["email"].lower() for row in checked} - {""}
    members = set(
        TimebankMember.objects.filter(timebank=timebank, user__email__in=emails).values_list(
            "user__email", flat=True
        )
    )
    already = {email.lower() for email in members}
    first: dict[str, ImportRow] = {}
    for row in checked:
        _check_details(row, timebank)
        _check_offer(row)
        key = _key(row.data)
        earlier = first.setdefault(key, row)
        if earlier is not row:
            row.first_row = earlier.number
            if row.data["balance"]:
                row.errors.append(
                    _("Put %(name)s's opening balance on their first row (row %(row)d) only.")
                    % {"name": row.data["name"], "row": earlier.number}
                )
            if not row.data["offer"]:
                row.errors.append(
                    _("Same person as row %(row)d: leave this row out, or add an offer to it.")
                    % {"row": earlier.number}
                )
        if row.data["email"].lower() in already:
            row.errors.append(_("Already a member of this timebank. Leave this row out."))
    return checked


def _person(data: dict[str, str]) -> User:
    if data["email"]:
        found = User.objects.filter(email__iexact=data["email"]).first()
        if found is not None:
            return found
    # Someone with no email keeps in touch by phone; their address is one nobody can use.
    email = data["email"] or f"phone-{get_random_string(12).lower()}@members.invalid"
    route = ContactRoute.EMAIL if data["email"] else ContactRoute.PHONE
    return User.objects.create_user(
        email=email, name=data["name"], phone=data["phone"], contact_route=route
    )


def _join(timebank: Timebank, row: ImportRow, actor: Any) -> TimebankMember:
    data = row.data
    member = member_ask_to_join(
        timebank=timebank,
        user=_person(data),
        area=data["area"],
        about=data["about"],
        languages=data["languages"][:200],
        interests=data["interests"][:300],
        actor=actor,
    )
    return member_approve(member=member, actor=actor)


@dataclass
class Imported:
    members: int
    offers: int
    balances: int


@transaction.atomic
def timebank_import(
    *, timebank: Timebank, rows: list[dict[str, str]], actor: Any, key: str
) -> Imported:
    """Everyone in the file joins (approved, recorded by the coordinator), with their offers,
    and their opening balances move in one ledger transaction against the community pot.
    Any row with a mistake stops the whole import: nothing is changed."""
    checked = check_import_rows(timebank=timebank, rows=rows)
    wrong = [row for row in checked if row.errors]
    if wrong:
        raise ValidationError(
            _("Nothing was imported: %(count)d rows need changing, starting with row %(row)d.")
            % {"count": len(wrong), "row": wrong[0].number}
        )
    if not checked:
        raise ValidationError(_("The file has no members in it."))
    members: dict[str, TimebankMember] = {}
    lines: list[tuple[LedgerAccount, int]] = []
    offers = 0
    for row in checked:
        member = members.get(_key(row.data))
        if member is None:
            member = members[_key(row.data)] = _join(timebank, row, actor)
            if row.minutes and member.account is not None:
                lines.append((member.account, row.minutes))
        if row.data["offer"]:
            listing_create(
                member=member,
                direction=Direction.OFFER,
                kind=KINDS[row.data["kind"].strip().lower()],
                title=row.data["offer"],
                description=row.data["details"] or row.data["offer"],
                area=row.data["area"] or member.area,
                when=row.data["when"][:200],
                actor=actor,
            )
            offers += 1
    total = sum(minutes for _account, minutes in lines)
    if lines:
        if total:
            lines.append((pot_account_open(timebank=timebank), -total))
        transaction_post(
            idempotency_key=f"timebank:import:{timebank.pk}:{key}",
            lines=lines,
            description=Described(gettext_noop("Opening balances brought from the old timebank")),
            actor=actor,
        )
    audit_record(
        actor=actor,
        action=events.TIMEBANK_IMPORTED,
        target=timebank,
        data={"members": len(members), "offers": offers, "balances": len(lines)},
    )
    return Imported(
        members=len(members), offers=offers, balances=len([r for r in checked if r.minutes])
    )
