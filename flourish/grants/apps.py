from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "flourish.grants"
    label = "grants"
    verbose_name = _("Grants")

    def ready(self) -> None:
        from django.core import checks

        from flourish.accounts.models import Organisation
        from flourish.core.public_cache import invalidate_on_change
        from flourish.demand.models import Board
        from flourish.grants import models, uploads

        # Programme pages and "who we funded" show programmes, their questions,
        # categories and whether they offer planning sessions, awards, success rates (from
        # applications), groups' names and a link to the programme's board when anyone may
        # read it.
        invalidate_on_change(
            "grants",
            [
                models.Programme,
                models.ProgrammeCategory,
                models.EligibilityQuestion,
                models.PlanningSession,
                models.Application,
                models.Award,
                Organisation,
                Board,
            ],
        )
        # The staff list keeps its totals under this generation (`selectors`): what it
        # counts turns on applications, their spend lines' categories and group names.
        invalidate_on_change("applications", [models.Application, models.SpendLine, Organisation])
        checks.register(uploads.libmagic_check)
