from django.urls import path

from flourish.learning.views import guides

app_name = "learning"
urlpatterns = [
    path("", guides.index, name="index"),
    path("guides/<slug:slug>/", guides.guide, name="guide"),
    path("write/", guides.write, name="write"),
    path("write/new/", guides.guide_new, name="guide_new"),
    path("write/<slug:slug>/<slug:language>/", guides.guide_edit, name="guide_edit"),
    path(
        "write/<slug:slug>/<slug:language>/<int:number>/publish/",
        guides.guide_publish,
        name="guide_publish",
    ),
]
