from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "flourish.learning"
    label = "learning"
    verbose_name = _("Learning and support")

    def ready(self) -> None:
        from flourish.accounts.models import Organisation
        from flourish.core.public_cache import invalidate_on_change
        from flourish.learning import hooks
        from flourish.learning.models import Guide, GuideVersion
        from flourish.learning.selectors.guides import GUIDES_AREA
        from flourish.learning.selectors.support import ORGANISATIONS_AREA

        hooks.connect()
        # Kept for the groups' pages: the guides' headings (`selectors/guides.py`), and
        # who a group may ask for help (`selectors/support.py`).
        invalidate_on_change(GUIDES_AREA, [Guide, GuideVersion])
        invalidate_on_change(ORGANISATIONS_AREA, [Organisation])
