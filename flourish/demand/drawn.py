"""A service's chart, its changes made and its figures table, drawn once for what they
show and kept (`core/fragments.py`).

A year by week is 52 marks, lines and table rows: about 700 values through the template
engine, more than half of the service page's time, and the same until the next
contact is logged. The content is every figure the chart and table show (each period's
counts, share, limits and signal; the drawing's coordinates) and each change made
(its date and words), so a new contact, a new note or a different period is a new key.
"""

from typing import Any

from django.utils.safestring import SafeString

from flourish.core.fragments import drawn_once
from flourish.demand.charts import Drawing
from flourish.demand.selectors import ServiceReport

TEMPLATES = (
    "demand/includes/chart_figures.html",
    "demand/includes/chart.html",
)


def drawn_chart(report: ServiceReport, picture: Drawing) -> SafeString:
    """The chart, the changes made and the figures table, as HTML."""

    def shown(report: ServiceReport) -> list[Any]:
        periods = [
            (row.start, row.label, row.contacts, row.failure, repr(row.point))
            for row in report.rows
        ]
        notes_by_period = [[(note.pk, note.text) for note in row.notes] for row in report.rows]
        notes = [(note.pk, note.made_on, note.text) for note in report.notes]
        return [report.period, periods, notes_by_period, notes, repr(picture)]

    def context(report: ServiceReport) -> dict[str, Any]:
        return {"report": report, "picture": picture}

    return drawn_once(
        [report], kind="demand-chart", templates=TEMPLATES, content=shown, context=context
    )[0]
