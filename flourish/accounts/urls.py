from django.urls import path

from flourish.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("preferences/", views.preferences, name="preferences"),
    path("consents/", views.consent_list, name="consents"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw_confirm, name="consent_withdraw"),
]
