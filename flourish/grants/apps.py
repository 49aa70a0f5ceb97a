from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "flourish.grants"
    label = "grants"
    verbose_name = _("Grants")

    def ready(self) -> None:
        from django.core import checks

        from flourish.grants import uploads

        checks.register(uploads.libmagic_check)
