"""Top-level URLs: each area of Flourish mounts its own urls.py here."""

from django.contrib import admin
from django.urls import include, path

from flourish.accounts.views import admin_sign_in

# The admin has no sign-in form of its own: it sends people to ours, so the
# admin is reached through the same emailed code, rate limits and two-step
# sign-in as every other page.
admin.site.login = admin_sign_in  # type: ignore[assignment]

urlpatterns = [
    path("", include("flourish.core.urls")),
    path("directory/", include("flourish.directory.urls")),
    path("openreferral/", include("flourish.directory.api_urls")),
    path("grants/", include("flourish.grants.urls")),
    path("timebank/", include("flourish.timebank.urls")),
    path("learning/", include("flourish.learning.urls")),
    path("budgets/", include("flourish.budgets.urls")),
    path("demand/", include("flourish.demand.urls")),
    path("outcomes/", include("flourish.outcomes.urls")),
    path("account/", include("flourish.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]
