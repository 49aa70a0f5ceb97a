from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    name = "flourish.budgets"
    label = "budgets"
    verbose_name = _("Personal budgets")

    def ready(self) -> None:
        from flourish.budgets.models import Budget
        from flourish.core.public_cache import invalidate_on_change

        # A council's list of budgets keeps its total under this generation (`selectors`).
        invalidate_on_change("budgets", [Budget])
