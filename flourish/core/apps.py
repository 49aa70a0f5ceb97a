from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "flourish.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from flourish.core.postgresql_timestamps import read_timestamps_in_c

        connection_created.connect(read_timestamps_in_c, dispatch_uid="read_timestamps_in_c")
