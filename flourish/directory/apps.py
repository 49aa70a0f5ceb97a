from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "flourish.directory"
    label = "directory"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from flourish.core.public_cache import invalidate_on_change
        from flourish.directory import models

        # Everything a public directory page shows: a change to any starts fresh pages.
        invalidate_on_change(
            "directory",
            [
                models.Listing,
                models.Offer,
                models.Place,
                models.OfferPlace,
                models.Schedule,
                models.Taxonomy,
                models.TaxonomyTerm,
            ],
        )
