"""A council's choices for its statements: the threshold for unspent money and its own
column layout for downloads."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from flourish.accounts.models import Organisation
from flourish.budgets import events
from flourish.budgets.models import StatementSettings
from flourish.core.formatting import format_pence
from flourish.core.services import audit_record
from flourish.core.spreadsheets import FORMULA_STARTS

# £1,000,000: far above any personal budget, so a slip of the keyboard is caught.
THRESHOLD_MOST = 100_000_000


def statement_settings(*, council: Organisation) -> StatementSettings:
    """The council's settings, or unsaved defaults (no threshold) if it has chosen none."""
    found = StatementSettings.objects.filter(council=council).first()
    return found if found is not None else StatementSettings(council=council)


def threshold_set(
    *, council: Organisation, threshold_pence: int | None, actor: Any
) -> StatementSettings:
    """Set (or, with None, clear) the unspent amount above which statements flag a budget."""
    if threshold_pence is not None and not 0 <= threshold_pence <= THRESHOLD_MOST:
        raise ValidationError(
            {
                "threshold_pence": _(
                    "Enter an amount from £0 to %(most)s, for example 500, or leave it empty."
                )
                % {"most": format_pence(THRESHOLD_MOST)}
            }
        )
    with transaction.atomic():
        settings, _created = StatementSettings.objects.select_for_update().get_or_create(
            council=council
        )
        before = settings.unspent_threshold_pence
        settings.unspent_threshold_pence = threshold_pence
        settings.changed_by = actor
        settings.full_clean()
        settings.save()
        audit_record(
            actor=actor,
            action=events.THRESHOLD_SET,
            target=council,
            data={"from": before, "to": threshold_pence},
        )
    return settings


HEADING_MOST = 60


def _clean_heading(heading: str) -> str:
    """The heading without control characters or surrounding spaces; refused if it could run
    as a formula in a spreadsheet."""
    cleaned = "".join(char for char in heading if char.isprintable()).strip()
    if not cleaned:
        raise ValidationError(_("Give every column you include a heading, for example Amount."))
    if len(cleaned) > HEADING_MOST:
        raise ValidationError(
            _("Keep each heading to %(most)s characters or fewer.") % {"most": HEADING_MOST}
        )
    if cleaned.lstrip(" \u00a0\u3000")[:1] in FORMULA_STARTS:
        raise ValidationError(
            _(
                "A heading cannot start with =, +, - or @, as a spreadsheet would run it as a "
                "formula. Start “%(heading)s” with a letter or a number."
            )
            % {"heading": cleaned}
        )
    return cleaned


def columns_save(
    *, council: Organisation, columns: list[tuple[str, str]], actor: Any
) -> StatementSettings:
    """Save the council's own column layout: at least one column, each once, each heading
    different and safe to open in a spreadsheet."""
    from flourish.budgets.statements import COLUMNS

    if not columns:
        raise ValidationError(_("Choose at least one column to include."))
    keys = [key for key, _heading in columns]
    if any(key not in COLUMNS for key in keys) or len(set(keys)) != len(keys):
        raise ValidationError(_("Choose each column from the list, and each only once."))
    headings = [_clean_heading(heading) for _key, heading in columns]
    seen: set[str] = set()
    for heading in headings:
        if heading.casefold() in seen:
            raise ValidationError(
                _("Two columns have the heading “%(heading)s”. Give each column its own heading.")
                % {"heading": heading}
            )
        seen.add(heading.casefold())
    with transaction.atomic():
        settings, _created = StatementSettings.objects.select_for_update().get_or_create(
            council=council
        )
        settings.columns = [[key, heading] for key, heading in zip(keys, headings, strict=True)]
        settings.changed_by = actor
        settings.full_clean()
        settings.save()
        audit_record(
            actor=actor,
            action=events.COLUMNS_SAVED,
            target=council,
            data={"columns": settings.columns},
        )
    return settings
