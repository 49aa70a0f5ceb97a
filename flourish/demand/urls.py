from django.urls import path

from flourish.demand.views import services

app_name = "demand"
urlpatterns = [
    path("", services.index, name="index"),
    path("services/new/", services.service_new, name="service_new"),
    path("services/<slug:slug>/", services.service_detail, name="service"),
    path("services/<slug:slug>/log/", services.log, name="log"),
    path("services/<slug:slug>/changes/new/", services.note_new, name="note_new"),
    path("services/<slug:slug>/settings/", services.settings, name="settings"),
    path("services/<slug:slug>/contacts.csv", services.contacts_download, name="contacts_csv"),
    path("services/<slug:slug>/chart.csv", services.chart_download, name="chart_csv"),
]
