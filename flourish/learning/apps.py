from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "flourish.learning"
    label = "learning"
    verbose_name = _("Learning and support")

    def ready(self) -> None:
        from flourish.learning import hooks

        hooks.connect()
