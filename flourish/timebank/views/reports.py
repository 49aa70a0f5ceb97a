"""The coordinator's report: charts with their data beside them, and a CSV download."""

import datetime
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from flourish.core.forms import GovukDateField
from flourish.core.spreadsheets import csv_lines
from flourish.timebank.models import Timebank
from flourish.timebank.selectors.access import get_place_for_user
from flourish.timebank.selectors.reports import report_rows, timebank_report


class PeriodForm(forms.Form):
    """The report's period, typed as day, month and year (the GOV.UK date input): a
    browser's own date picker is hard to use with a screen reader or by voice."""

    start = GovukDateField(label=_("From"), what=_("the start date"))
    end = GovukDateField(label=_("To"), what=_("the end date"))

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("The end date must be on or after the start date."))
        return data


def period_query(start: datetime.date, end: datetime.date, **more: str) -> str:
    """The period as the form sends it, for a link to the same report."""
    fields = {}
    for name, day in (("start", start), ("end", end)):
        fields.update({f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year})
    return urlencode({**fields, **more})


def _period(request: HttpRequest) -> tuple[PeriodForm, datetime.date, datetime.date]:
    end = timezone.localdate()
    start = end - datetime.timedelta(days=365)
    asked = any(name.startswith(("start_", "end_")) for name in request.GET)
    form = PeriodForm(request.GET if asked else None, initial={"start": start, "end": end})
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    return form, start, end


@login_required
def report(request: HttpRequest, slug: str) -> HttpResponse | StreamingHttpResponse:
    place = get_place_for_user(user=request.user, slug=slug, coordinator=True)
    form, start, end = _period(request)
    timebanks = Timebank.objects.filter(pk=place.timebank.pk)
    if request.GET.get("download") == "csv":
        response = StreamingHttpResponse(
            csv_lines(report_rows(timebanks=timebanks, start=start, end=end)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{slug}-{start}-{end}.csv"'
        return response
    context = {
        "place": place,
        "timebank": place.timebank,
        "period_form": form,
        "form": form if form.is_bound else None,
        "report": timebank_report(timebanks=timebanks, start=start, end=end),
        "start": start,
        "end": end,
        "download_query": period_query(start, end, download="csv"),
    }
    return render(request, "timebank/report.html", context)
