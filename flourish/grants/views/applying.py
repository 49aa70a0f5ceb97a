"""The applicant's journey: find a programme, check eligibility, answer, check, send, follow."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flourish.core.decorators import sensitive_response
from flourish.core.fragments import drawn_for_everyone, drawn_without_the_person
from flourish.core.frames import framed_part, render_framed
from flourish.core.pagination import page_links, page_number, page_of, page_written_once
from flourish.core.public_cache import area_generation, public_page
from flourish.demand.forms import FEEDBACK_THANKS, FeedbackForm
from flourish.demand.services.feedback import feedback_leave
from flourish.grants import selectors
from flourish.grants.forms import (
    QUESTION_SLUGS,
    QUESTIONS,
    EligibilityAnswerForm,
    Question,
    ReportForm,
    SpendLineForm,
)
from flourish.grants.funded_rows import funded_rows
from flourish.grants.models import (
    AcceptanceMethod,
    Application,
    Programme,
    ProgrammeCategory,
    SpendLine,
)
from flourish.grants.money import held_money_by_award, held_money_for_group
from flourish.grants.services.applications import (
    application_answer,
    application_attach,
    application_attachment_remove,
    application_group_set,
    application_start,
    application_submit,
    spend_line_add,
    spend_line_remove,
)
from flourish.grants.services.decisions import award_accept
from flourish.grants.services.reports import report_submit
from flourish.grants.status import applicant_status
from flourish.grants.views.common import add_service_error, posted

PROGRAMMES_PER_PAGE = 25
FUNDED_PER_PAGE = 50
FUNDED_TEMPLATES = ("grants/includes/funded_page.html", "core/layout/page_links.html")
PROGRAMME_TEMPLATES = (
    "grants/includes/programme_page.html",
    "grants/includes/when_to_apply.html",
)
APPLICATIONS_PER_PAGE = 50


@public_page("grants")
def programme_list(request: HttpRequest) -> HttpResponse:
    page = page_of(
        items=selectors.programme_list_to_apply_to(),
        number=request.GET.get("page"),
        size=PROGRAMMES_PER_PAGE,
        count_key=selectors.programme_list_count_key(),
    )
    return render(request, "grants/programme_list.html", {"page": page})


@public_page("grants")
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_page_public(slug=slug, reader=request.user)
    # All but the link to its board is the same for everyone, until the programme changes
    # or the day it opens or closes comes.
    programme_page = drawn_for_everyone(
        kind="grants-programme",
        shown=[programme.pk, area_generation("grants"), timezone.localdate()],
        templates=PROGRAMME_TEMPLATES,
        draw=lambda: drawn_without_the_person(
            PROGRAMME_TEMPLATES[0],
            {"programme": programme, "categories": selectors.categories_kept(programme=programme)},
            request,
        ),
    )
    # The board's address is read for this reader (get_programme_page_public).
    page = {"title": programme.title, "board_slug": programme.board_slug}  # type: ignore[attr-defined]
    return render_framed(
        request, "grants/programme_detail.html", page, holes={"programme_page": programme_page}
    )


def _not_open(request: HttpRequest, programme: Programme) -> HttpResponse:
    """Say a programme is closed (or not open yet) on the first page someone reaches, not
    after they have answered the eligibility questions."""
    return render(request, "grants/not_open.html", {"programme": programme})


def eligibility(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    programme = selectors.get_programme_public(slug=slug)
    if not programme.is_open():
        return _not_open(request, programme)
    question = get_object_or_404(programme.eligibility_questions, position=number)
    form = EligibilityAnswerForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if question.rules_out(form.cleaned_data["answer"]):
            ruled_out = {"programme": programme, "question": question}
            return render(request, "grants/not_eligible.html", ruled_out)
        following = programme.eligibility_questions.filter(position__gt=number).first()
        if following is not None:
            return redirect("grants:eligibility", slug=slug, number=following.position)
        return redirect("grants:application_start", slug=slug)
    earlier = programme.eligibility_questions.filter(position__lt=number).last()
    back_url = (
        reverse("grants:eligibility", args=[slug, earlier.position])
        if earlier is not None
        else reverse("grants:programme_detail", args=[slug])
    )
    context = {"programme": programme, "question": question, "form": form, "back_url": back_url}
    return render(request, "grants/eligibility.html", context)


@login_required
def application_begin(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_public(slug=slug)
    if not programme.is_open():
        return _not_open(request, programme)
    if request.method == "POST":
        try:
            application = application_start(programme=programme, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("grants:programme_detail", slug=slug)
        return redirect("grants:question", pk=application.pk, question=QUESTION_SLUGS[0])
    return render(request, "grants/application_start.html", {"programme": programme})


WHAT = "what-you-want-to-do"


def _resume_url(application: Application) -> str:
    """Someone coming back carries on at the first question they have not answered yet."""
    unanswered = {
        "your-group": not application.group_id,
        WHAT: not (application.what_you_want_to_do or application.attachment),
        "who-it-helps": not application.who_it_helps,
        "money": not application.amount_requested_pence,
        "when": not application.when,
        "how-to-reach-you": not application.contact_route,
    }
    slug = next((slug for slug in QUESTION_SLUGS if unanswered.get(slug)), None)
    if slug is None:
        return reverse("grants:check_answers", kwargs={"pk": application.pk})
    if slug == "money":
        return reverse("grants:money", kwargs={"pk": application.pk})
    return reverse("grants:question", kwargs={"pk": application.pk, "question": slug})


@login_required
def my_applications(request: HttpRequest) -> HttpResponse:
    # A page at a time: someone who takes applications by phone for many groups has
    # every one of them here.
    page = page_of(
        items=selectors.application_list_for_applicant(user=request.user)
        .select_related("award__report", "award__holding_partner")
        # What went straight to suppliers, for the status words: one query for the page.
        .prefetch_related("award__payments"),
        number=request.GET.get("page"),
        size=APPLICATIONS_PER_PAGE,
    )
    applications = list(page.object_list)
    awards = [application.award for application in applications if hasattr(application, "award")]
    held = held_money_by_award(awards=awards)
    for application in applications:
        award_id = application.award.pk if hasattr(application, "award") else None
        application.resume_url = _resume_url(application)  # type: ignore[attr-defined]
        application.status_words = applicant_status(  # type: ignore[attr-defined]
            application, held=held.get(award_id) if award_id else None
        )
    context = {"applications": applications, "page": page}
    return render(request, "grants/my_applications.html", context)


@login_required
def application_status(
    request: HttpRequest, pk: int, feedback_form: FeedbackForm | None = None
) -> HttpResponse:
    application = selectors.get_application_for_applicant(user=request.user, pk=pk)
    held = held_money_for_group(application=application)
    context = {
        # Applicants' say on the process is logged as demand on the programme (demand app).
        "feedback_form": feedback_form or FeedbackForm(),
        "form": feedback_form,
        "application": application,
        "resume_url": _resume_url(application),
        "status": applicant_status(application, held=held),
        "decision": getattr(application, "decision", None),
        "held": held,
    }
    return render(request, "grants/application_status.html", context)


@login_required
@require_POST
def application_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    """An applicant tells the fund how applying went; demand keeps it on the programme."""
    application = selectors.get_application_for_applicant(user=request.user, pk=pk)
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            feedback_leave(actor=request.user, programme=application.programme, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
    if not form.is_valid():
        return application_status(request, pk, feedback_form=form)
    messages.success(request, FEEDBACK_THANKS)
    return redirect("grants:application_status", pk=pk)


def _refuse_if_sent(request: HttpRequest, application: Application) -> HttpResponse | None:
    if application.is_draft:
        return None
    messages.error(
        request,
        _(
            "You have already sent this application, so it cannot be changed. "
            "If something needs correcting, contact the fund."
        ),
    )
    return redirect("grants:application_status", pk=application.pk)


def _initial(application: Application) -> dict[str, Any]:
    group = application.group_name
    return {
        "group_name": group,
        **{f.name: getattr(application, f.name) for f in Application._meta.fields},
    }


def _save_answer(
    application: Application, actor: Any, step: Question, data: dict[str, Any]
) -> None:
    if step.slug == "your-group":
        application_group_set(application=application, actor=actor, **data)
        return
    upload = data.pop("attachment", None)
    # Only a file chosen now is a new upload: with the file box left empty, the form hands
    # back the one already stored, which must stay as it is.
    if isinstance(upload, UploadedFile):
        # The upload first: if it is refused, nothing on this page is saved.
        application_attach(application=application, actor=actor, upload=upload)
    elif upload is False:
        application_attachment_remove(application=application, actor=actor)
    application_answer(application=application, actor=actor, answers=data)


def _answers_to_save(request: HttpRequest, step: Question, form: Any) -> dict[str, Any] | None:
    """The page's answers, when they can be saved. "Save and come back later" saves what
    is there even with questions not yet answered, as the start page promises; anything
    typed that must be put right first (too long, not a number) is shown, as it is for
    "Save and continue". A group needs its name and council area to be set at all."""
    if form.is_valid():
        return dict(form.cleaned_data)
    if "later" not in request.POST or step.slug == "your-group":
        return None
    errors = [error for errors in form.errors.as_data().values() for error in errors]
    if any(error.code != "required" for error in errors):
        return None
    return dict(form.cleaned_data)


def _next_url(request: HttpRequest, application: Application, step: Question) -> str:
    if "later" in request.POST:
        messages.success(
            request, _("Saved. You can come back to it any time from Your applications.")
        )
        return reverse("grants:my_applications")
    position = QUESTION_SLUGS.index(step.slug)
    if request.GET.get("change") or position + 1 == len(QUESTIONS):
        return reverse("grants:check_answers", kwargs={"pk": application.pk})
    following = QUESTIONS[position + 1].slug
    return reverse("grants:question", kwargs={"pk": application.pk, "question": following})


@sensitive_response
@login_required
def question(request: HttpRequest, pk: int, question: str) -> HttpResponse:
    application = selectors.get_application_for_applicant(user=request.user, pk=pk)
    step = next((q for q in QUESTIONS if q.slug == question and q.form_class), None)
    if step is None or step.form_class is None:
        raise Http404
    refused = _refuse_if_sent(request, application)
    if refused:
        return refused
    extra: dict[str, Any] = (
        {
            "has_attachment": bool(application.attachment),
            "attachment_name": application.attachment_name,
        }
        if step.slug == WHAT
        else {}
    )
    files = request.FILES if request.method == "POST" else None
    form = step.form_class(posted(request), files, initial=_initial(application), **extra)
    if request.method == "POST" and (answers := _answers_to_save(request, step, form)) is not None:
        try:
            _save_answer(application, request.user, step, answers)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect(_next_url(request, application, step))
    context = _question_context(application, step, form)
    return render(request, "grants/question.html", context)


def _question_url(application: Application, slug: str) -> str:
    if slug == "money":
        return reverse("grants:money", kwargs={"pk": application.pk})
    return reverse("grants:question", kwargs={"pk": application.pk, "question": slug})


def _back_url(application: Application, slug: str | None) -> str:
    """The page before this one: the previous question, or the application's own page."""
    position = QUESTION_SLUGS.index(slug) if slug else len(QUESTION_SLUGS)
    if position == 0:
        return reverse("grants:application_status", kwargs={"pk": application.pk})
    return _question_url(application, QUESTION_SLUGS[position - 1])


def _question_context(application: Application, step: Question, form: Any) -> dict[str, Any]:
    return {
        "application": application,
        "step": step,
        "form": form,
        "back_url": _back_url(application, step.slug),
        "number": QUESTION_SLUGS.index(step.slug) + 1,
        "count": len(QUESTIONS),
    }


@login_required
def money(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.get_application_for_applicant(user=request.user, pk=pk)
    refused = _refuse_if_sent(request, application)
    if refused:
        return refused
    form = SpendLineForm(posted(request), programme=application.programme)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            spend_line_add(
                application=application,
                actor=request.user,
                category=data["category"],
                description=data["description"],
                amount_pence=data["amount"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect("grants:money", pk=pk)
    step = next(q for q in QUESTIONS if q.slug == "money")
    context = _question_context(application, step, form)
    context["lines"] = application.spend_lines.select_related("category")
    context["next_slug"] = QUESTION_SLUGS[QUESTION_SLUGS.index("money") + 1]
    return render(request, "grants/money.html", context)


@login_required
@require_POST
def spend_line_delete(request: HttpRequest, pk: int, line: int) -> HttpResponse:
    application = selectors.get_application_for_applicant(user=request.user, pk=pk)
    spend_line = get_object_or_404(SpendLine, pk=line, application=application)
    try:
        spend_line_remove(line=spend_line, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("grants:application_status", pk=pk)
    return redirect("grants:money", pk=pk)


@sensitive_response
@login_required
def check_answers(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.get_application_for_applicant(user=request.user, pk=pk)
    refused = _refuse_if_sent(request, application)
    if refused:
        return refused
    form = forms.Form(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            application_submit(application=application, actor=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your application has been sent. Thank you."))
            return redirect("grants:application_status", pk=pk)
    lines = application.spend_lines.select_related("category")
    context = {
        "application": application,
        "form": form,
        "lines": lines,
        "back_url": _back_url(application, None),
    }
    return render(request, "grants/check_answers.html", context)


@login_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.get_application_for_applicant(user=request.user, pk=pk)
    award = getattr(application, "award", None)
    if award is None:
        raise Http404
    try:
        award_accept(award=award, actor=request.user, how=AcceptanceMethod.ONLINE)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You have accepted the grant. Thank you."))
    return redirect("grants:application_status", pk=pk)


@public_page("grants")
def funded(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_kept_public(slug=slug)
    number = page_number(request.GET.get("page"))

    def draw() -> SafeString:
        page = page_written_once(
            selectors.awards_funded_public,
            [programme.pk],
            shown=selectors.award_page_public,
            name="who we funded",
            number=number,
            size=FUNDED_PER_PAGE,
            count_key=selectors.published_count_key("awards", programme=programme),
            prepare=True,  # one plan suits every programme: an index answers it
        )
        rate = selectors.programme_success_rate(programme=programme)
        numbers, addresses = page_links(request.GET, page)
        # The words around the rows are a frame shared by every page with these figures.
        shown = {
            "rate_publishable": rate.publishable,
            "funded": rate.funded,
            "decided": rate.decided,
            "percent": rate.percent,
            "count": page.paginator.count,
            "slug": programme.slug,
            **numbers,
        }
        holes = {"rows": funded_rows(page), **addresses}
        return framed_part(FUNDED_TEMPLATES[0], shown, holes=holes)

    # The same for everyone who reads it, until the programme's public pages change.
    funded_page = drawn_for_everyone(
        kind="grants-funded",
        shown=[programme.pk, number, area_generation("grants")],
        templates=FUNDED_TEMPLATES,
        draw=draw,
    )
    page = {"title": programme.title}
    return render_framed(request, "grants/funded.html", page, holes={"funded": funded_page})


@login_required
def report(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.get_application_for_applicant(user=request.user, pk=pk)
    award = getattr(application, "award", None)
    if award is None:
        raise Http404
    core = application.programme.is_core_funding
    planned = ProgrammeCategory.objects.filter(pk__in=application.spend_lines.values("category"))
    # Core funding is unrestricted, so its report is the lightest: no spending to account for.
    form = ReportForm(posted(request), categories=[] if core else list(planned))
    if core:
        form.fields["what_happened"].label = _("How is the group doing? A few words is plenty")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report_submit(
                award=award,
                actor=request.user,
                what_happened=data["what_happened"],
                people_reached=data["people_reached"],
                spending=form.spending(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Thank you for telling us what happened."))
            return redirect("grants:application_status", pk=pk)
    context = {"application": application, "form": form}
    return render(request, "grants/report.html", context)
