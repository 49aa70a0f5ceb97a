from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "flourish.outcomes"
    label = "outcomes"
    verbose_name = _("Outcomes")

    def ready(self) -> None:
        from flourish.core.public_cache import invalidate_on_change
        from flourish.outcomes import models
        from flourish.outcomes.selectors.totals import TOTALS_AREA

        # Totals are counted from each person's summary, their consents to be counted and
        # the keys that adjust the figures: a change to any of them counts afresh.
        invalidate_on_change(
            TOTALS_AREA, [models.PersonSummary, models.TotalsConsent, models.RecordKey]
        )
