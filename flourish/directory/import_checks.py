"""Checking a spreadsheet of groups before it is imported: each row as if typed into the
suggest form, groups twice in the file, groups already in the directory, and formulas."""

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from flourish.core.forms import EMPTY_SPREADSHEET
from flourish.directory.forms import ListingForm
from flourish.directory.models import LegalForm, Listing
from flourish.directory.selectors import DUPLICATE_STATES
from flourish.directory.services.listings import link_key, normalise_name
from flourish.directory.spreadsheets import read_rows

LEGAL_FORM_WORDS = {label.lower(): value for value, label in LegalForm.choices} | {
    value: value for value in LegalForm.values
}


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet of groups (CSV or XLSX)"),
        help_text=gettext_lazy(
            "One group per row. The first row holds column headings: name, description, "
            "postcode district, and any of led by, communities, languages, legal form, "
            "website, social media, email, phone."
        ),
        error_messages={"required": gettext_lazy("Choose a CSV or XLSX file"), **EMPTY_SPREADSHEET},
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        self.rows = read_rows(upload, filename=upload.name)
        return upload


@dataclass
class CheckedRow:
    number: int
    data: dict[str, str]
    # Errors stop the whole import; warnings ask the coordinator to look before importing.
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _check_row(number: int, row: dict[str, str]) -> CheckedRow:
    data = {
        **row,
        "legal_form": LEGAL_FORM_WORDS.get(
            row.get("legal_form", "").strip().lower(), row.get("legal_form") or "unconstituted"
        ),
    }
    form = ListingForm(data)
    result = CheckedRow(number=number, data=data)
    if form.is_valid():
        result.data = {name: str(value) for name, value in form.cleaned_data.items()}
    for name, messages in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        result.errors += [f"{label}: {message}" if label else str(message) for message in messages]
    return result


def _already_listed(rows: list[CheckedRow]) -> tuple[set[tuple[str, str]], set[str]]:
    """Names (with district) and links of listings already in the directory, in two queries."""
    names = {normalise_name(row.data.get("name", "")) for row in rows}
    keys = {
        link_key(row.data.get(name, "")) for row in rows for name in ("website", "social_link")
    } - {""}
    listed = Listing.objects.filter(state__in=DUPLICATE_STATES)
    by_name = set(
        listed.filter(normalised_name__in=names).values_list("normalised_name", "area_outward_code")
    )
    same_link = Q(website_key__in=keys) | Q(social_key__in=keys)
    by_link = {
        key
        for pair in listed.filter(same_link).values_list("website_key", "social_key")
        for key in pair
        if key
    }
    return by_name, by_link


def _flag_duplicates(checked: list[CheckedRow]) -> None:
    listed_names, listed_links = _already_listed(checked)
    first_with_name: dict[str, CheckedRow] = {}
    for row in checked:
        if row.errors:
            continue
        name, area = normalise_name(row.data["name"]), row.data["area_outward_code"]
        earlier = first_with_name.setdefault(name, row)
        if earlier is not row and earlier.data["area_outward_code"] == area:
            row.errors.append(_("Same group as row %(row)d") % {"row": earlier.number})
        elif earlier is not row:
            # The same name in another district may be a second branch, or a mistake.
            row.warnings.append(
                _("Same name as row %(row)d, in %(area)s. Check it is a different group.")
                % {"row": earlier.number, "area": earlier.data["area_outward_code"]}
            )
        links = [link_key(row.data.get(key, "")) for key in ("website", "social_link")]
        if (name, area) in listed_names or any(key in listed_links for key in links if key):
            row.errors.append(
                _("Already in the directory. Leave this row out, or change that listing instead.")
            )


def check_import_rows(rows: list[dict[str, str]]) -> list[CheckedRow]:
    """Each row checked as if typed into the suggest form, then for duplicates: in the file
    and in the directory. A fixed number of queries, however long the file."""
    checked = [_check_row(number, row) for number, row in enumerate(rows, start=2)]
    _flag_duplicates(checked)
    return checked
