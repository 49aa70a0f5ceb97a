from django.urls import path

from flourish.demand.views import imports, services

app_name = "demand"
urlpatterns = [
    path("", services.index, name="index"),
    path("services/new/", services.service_new, name="service_new"),
    path("services/<slug:slug>/", services.service_detail, name="service"),
    path("services/<slug:slug>/log/", services.log, name="log"),
    path("services/<slug:slug>/changes/new/", services.note_new, name="note_new"),
    path("services/<slug:slug>/settings/", services.settings, name="settings"),
    path("services/<slug:slug>/import/", imports.contacts_import_check, name="import"),
    path(
        "services/<slug:slug>/import/confirm/",
        imports.contacts_import_confirm,
        name="import_confirm",
    ),
    path("services/<slug:slug>/tally-sheet/", imports.tally_sheet, name="tally_sheet"),
    path("services/<slug:slug>/contacts.csv", services.contacts_download, name="contacts_csv"),
    path("services/<slug:slug>/chart.csv", services.chart_download, name="chart_csv"),
]
