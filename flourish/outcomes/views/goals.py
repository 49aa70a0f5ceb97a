"""The person's goals: set one, review it, reword, pause, finish or replace it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flourish.core.decorators import sensitive_response
from flourish.core.pagination import page_of
from flourish.outcomes.charts import line_chart
from flourish.outcomes.forms import GoalForm, ReminderForm, ReviewForm
from flourish.outcomes.models import GoalStatus, Level
from flourish.outcomes.selectors.checkins import series_shared_with
from flourish.outcomes.selectors.goals import (
    current_version,
    get_goal_for_user,
    goal_list_for_owner,
    goals_shared_with,
    helpers_of,
    person_t_score,
    reviews_of,
)
from flourish.outcomes.selectors.groups import group_shares_of_goal, shared_with_my_groups
from flourish.outcomes.services import goals as goal_services
from flourish.outcomes.services.reminders import goal_reminder_set
from flourish.outcomes.services.sharing import goal_read_record
from flourish.outcomes.views.common import add_service_error, posted

# The labels stay lazy, so each reader sees them in their own language.
LEVEL_GRIDLINES = list(Level.choices)
SHARED_PER_PAGE = 25


@login_required
@sensitive_response
def home(request: HttpRequest) -> HttpResponse:
    goals = goal_list_for_owner(owner=request.user)
    rows = [(goal, current_version(goal), reviews_of(goal)) for goal in goals]
    context = {
        "rows": rows,
        "t_score": person_t_score(goals),
        # A support worker may be invited by hundreds of people, and a lead of a big group
        # see hundreds of shares: each list a page at a time, newest first.
        "shared_with_me": page_of(
            items=goals_shared_with(user=request.user),
            number=request.GET.get("invited"),
            size=SHARED_PER_PAGE,
        ),
        "series_shared_with_me": page_of(
            items=series_shared_with(user=request.user),
            number=request.GET.get("check_ins"),
            size=SHARED_PER_PAGE,
        ),
        "shared_with_my_groups": page_of(
            items=shared_with_my_groups(user=request.user),
            number=request.GET.get("shared"),
            size=SHARED_PER_PAGE,
        ),
    }
    return render(request, "outcomes/home.html", context)


@login_required
@sensitive_response
def goal_new(request: HttpRequest) -> HttpResponse:
    form = GoalForm(posted(request))
    if form.is_valid():
        try:
            goal = goal_services.goal_set(
                owner=request.user,
                actor=request.user,
                wording=form.cleaned_data["wording"],
                levels=form.levels(),
                weight=form.weight_or_one(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your goal is saved. Only you can see it."))
            return redirect("outcomes:goal", pk=goal.pk)
    return render(request, "outcomes/goal_new.html", {"form": form})


@login_required
@sensitive_response
def goal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_goal_for_user(user=request.user, pk=pk)
    goal_read_record(goal=access.goal, reader=request.user)
    reviews = reviews_of(access.goal)
    chart = line_chart(
        [(review.reviewed_on, review.level) for review in reviews], -2, 2, LEVEL_GRIDLINES
    )
    context = {
        "access": access,
        "goal": access.goal,
        "version": current_version(access.goal),
        "versions": sorted(access.goal.versions.all(), key=lambda v: -v.number),
        "reviews": reviews,
        "chart": chart,
        "helpers": helpers_of(goal=access.goal) if access.is_owner else [],
        "group_shares": group_shares_of_goal(goal=access.goal) if access.is_owner else [],
        "is_open": access.goal.status in (GoalStatus.ACTIVE, GoalStatus.PAUSED),
    }
    return render(request, "outcomes/goal.html", context)


@login_required
@sensitive_response
def goal_review(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_goal_for_user(user=request.user, pk=pk)
    version = current_version(access.goal)
    form = ReviewForm(posted(request), version=version)
    if form.is_valid():
        try:
            goal_services.goal_review(goal=access.goal, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your review is saved."))
            return redirect("outcomes:goal", pk=pk)
    return render(
        request,
        "outcomes/goal_review.html",
        {"goal": access.goal, "version": version, "form": form},
    )


@login_required
@sensitive_response
def goal_reword(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_goal_for_user(user=request.user, pk=pk)
    form = GoalForm.from_version(current_version(access.goal), posted(request))
    if form.is_valid():
        try:
            goal_services.goal_reword(
                goal=access.goal,
                actor=request.user,
                wording=form.cleaned_data["wording"],
                levels=form.levels(),
                weight=form.weight_or_one(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Saved. Your earlier words and reviews are kept."))
            return redirect("outcomes:goal", pk=pk)
    return render(request, "outcomes/goal_reword.html", {"goal": access.goal, "form": form})


@login_required
@sensitive_response
def goal_replace(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_goal_for_user(user=request.user, pk=pk)
    if not access.is_owner:
        raise Http404
    form = GoalForm(posted(request))
    if form.is_valid():
        try:
            new = goal_services.goal_replace(
                goal=access.goal,
                actor=request.user,
                wording=form.cleaned_data["wording"],
                levels=form.levels(),
                weight=form.weight_or_one(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your new goal is saved. The old one is kept."))
            return redirect("outcomes:goal", pk=new.pk)
    return render(request, "outcomes/goal_replace.html", {"goal": access.goal, "form": form})


@login_required
@require_POST
def goal_move(request: HttpRequest, pk: int, move: str) -> HttpResponse:
    access = get_goal_for_user(user=request.user, pk=pk)
    if not access.is_owner:
        raise Http404
    try:
        goal_services.goal_move(goal=access.goal, move=move, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Saved: this goal is now “%s”.") % access.goal.get_status_display()
        )
    return redirect("outcomes:goal", pk=pk)


@login_required
@sensitive_response
def goal_reminder(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_goal_for_user(user=request.user, pk=pk)
    if not access.is_owner:
        raise Http404
    goal = access.goal
    initial = {"remind_on": goal.remind_on, "every_weeks": goal.remind_every_weeks}
    form = ReminderForm(posted(request), initial=initial)
    if form.is_valid():
        try:
            goal_reminder_set(goal=goal, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            done = _("Your reminder is saved.") if goal.remind_on else _("No more reminders.")
            messages.success(request, done)
            return redirect("outcomes:goal", pk=pk)
    context = {"goal": goal, "version": current_version(goal), "form": form}
    return render(request, "outcomes/goal_reminder.html", context)
