"""Guides: read them by stage, say whether one helped, and (staff) write and publish them."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flourish.learning.forms import GuideNewForm, GuideWordsForm, UsefulForm
from flourish.learning.rendering import markdown_problems, markdown_to_html
from flourish.learning.rules import may_write_guides, reads_shared_health_checks
from flourish.learning.selectors.groups import groups_of
from flourish.learning.selectors.guides import (
    get_guide_for_writer,
    get_published_guide,
    guide_list_for_writers,
    guides_by_stage,
    latest_versions,
    reading_language,
)
from flourish.learning.services import guides
from flourish.learning.views.common import add_service_error, posted

LANGUAGE_NAMES = dict(settings.LANGUAGES)


def index(request: HttpRequest) -> HttpResponse:
    context = {
        "stages": guides_by_stage(language=get_language()),
        "groups": groups_of(request.user),
        "reads_shared": reads_shared_health_checks(request.user),
    }
    return render(request, "learning/index.html", context)


def guide(request: HttpRequest, slug: str) -> HttpResponse:
    version = get_published_guide(slug=slug, language=get_language())
    form = UsefulForm(posted(request))
    if form.is_valid():
        guides.guide_feedback_give(version=version, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Thank you. The people who write the guides will read this."))
        return redirect("learning:guide", slug=slug)
    context = {
        "version": version,
        "form": form,
        "untranslated": version.language != reading_language(get_language()),
    }
    return render(request, "learning/guide.html", context)


def _writer_only(request: HttpRequest) -> None:
    if not may_write_guides(request.user):
        raise Http404


@login_required
def write(request: HttpRequest) -> HttpResponse:
    _writer_only(request)
    context = {"guides": guide_list_for_writers(), "languages": settings.LANGUAGES}
    return render(request, "learning/write.html", context)


@login_required
def guide_new(request: HttpRequest) -> HttpResponse:
    _writer_only(request)
    form = GuideNewForm(posted(request))
    if form.is_valid():
        data = form.cleaned_data
        try:
            new = guides.guide_create(actor=request.user, slug=data["slug"], stage=data["stage"])
            guides.guide_version_save(
                guide=new,
                actor=request.user,
                language="en-gb",
                title=data["title"],
                summary=data["summary"],
                body=data["body"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Saved as a draft. Publish it when it is ready."))
            return redirect("learning:guide_edit", slug=new.slug, language="en-gb")
    return render(request, "learning/guide_new.html", {"form": form})


@login_required
def guide_edit(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    written = get_guide_for_writer(user=request.user, slug=slug)
    if language not in LANGUAGE_NAMES:
        raise Http404
    latest = latest_versions(guide=written)
    start = latest.get(language) or latest.get("en-gb")
    initial = {"title": start.title, "summary": start.summary, "body": start.body} if start else {}
    form = GuideWordsForm(posted(request), initial=initial)
    preview = ""
    if form.is_valid():
        if request.POST.get("action") == "preview":
            problems = markdown_problems(form.cleaned_data["body"])
            if problems:
                form.add_error("body", problems)
            else:
                preview = markdown_to_html(form.cleaned_data["body"])
        else:
            try:
                guides.guide_version_save(
                    guide=written, actor=request.user, language=language, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Saved as a draft. Publish it when it is ready."))
                return redirect("learning:guide_edit", slug=slug, language=language)
    context = {
        "guide": written,
        "language": language,
        "language_name": LANGUAGE_NAMES[language],
        "form": form,
        "preview": preview,
        "versions": written.versions.filter(language=language).select_related("written_by"),
    }
    return render(request, "learning/guide_edit.html", context)


@login_required
@require_POST
def guide_publish(request: HttpRequest, slug: str, language: str, number: int) -> HttpResponse:
    written = get_guide_for_writer(user=request.user, slug=slug)
    version = get_object_or_404(written.versions, language=language, number=number)
    guides.guide_publish(version=version, actor=request.user)
    messages.success(request, _("Published. Readers now see this version."))
    return redirect("learning:guide_edit", slug=slug, language=language)
