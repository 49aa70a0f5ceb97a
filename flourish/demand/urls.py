from django.urls import path

from flourish.demand.views import boards, imports, services

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
    path("boards/", boards.board_list, name="boards"),
    path("boards/new/", boards.board_new, name="board_new"),
    path("boards/<slug:slug>/", boards.board, name="board"),
    path("boards/<slug:slug>/you-said-we-did/", boards.you_said, name="you_said"),
    path("boards/<slug:slug>/proposals/new/", boards.proposal_new, name="proposal_new"),
    path("boards/<slug:slug>/proposals/<int:pk>/", boards.proposal, name="proposal"),
    path("boards/<slug:slug>/proposals/<int:pk>/vote/", boards.proposal_vote, name="vote"),
    path(
        "boards/<slug:slug>/proposals/<int:pk>/comment/",
        boards.proposal_comment,
        name="comment",
    ),
    path("boards/<slug:slug>/proposals/<int:pk>/status/", boards.proposal_status, name="status"),
    path("boards/<slug:slug>/proposals/<int:pk>/hide/", boards.proposal_hide_view, name="hide"),
    path("boards/<slug:slug>/proposals/<int:pk>/show/", boards.proposal_show_view, name="show"),
]
