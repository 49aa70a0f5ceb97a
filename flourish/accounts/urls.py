from django.urls import path

from flourish.accounts import views
from flourish.accounts.views import privacy

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("preferences/", views.preferences, name="preferences"),
    path("consents/", views.consent_list, name="consents"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw_confirm, name="consent_withdraw"),
    path("your-data/", privacy.your_data, name="your_data"),
    path("your-data/erase/", privacy.erase_your_data, name="erase"),
    path("erased/", privacy.erased, name="erased"),
    path("who-has-looked/", privacy.who_has_looked, name="who_has_looked"),
    path("people/", privacy.people_find, name="people"),
    path("people/<int:pk>/request/", privacy.person_data_request, name="person_data_request"),
    path("people/<int:pk>/data/", privacy.person_data_for_staff, name="person_data"),
    path("people/<int:pk>/erase/", privacy.person_erase_for_staff, name="person_erase"),
]
