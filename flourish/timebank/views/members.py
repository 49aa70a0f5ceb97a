"""A member's pages: the timebanks, joining, their home, statement, giving to the pot, leaving."""

from uuid import uuid4

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from flourish.core.forms import FindByNameForm
from flourish.core.pagination import page_asked, page_of
from flourish.ledger.selectors import account_balance
from flourish.timebank.drawn import drawn_statement_rows
from flourish.timebank.forms import GiveForm, JoinForm
from flourish.timebank.selectors.access import (
    get_place_for_user,
    get_timebank_for_joining,
    membership_for_user,
    timebank_list_for_user,
)
from flourish.timebank.selectors.exchanges import (
    exchanges_open_for_member,
    statement_entries,
    statement_lines,
)
from flourish.timebank.services import exchanges, timebanks
from flourish.timebank.views.common import add_service_error, posted

TIMEBANKS_PER_PAGE = 50


@login_required
def index(request: HttpRequest) -> HttpResponse:
    find = FindByNameForm(request.GET, label=_("Find a timebank by name"))
    name = find.searched
    found = timebank_list_for_user(user=request.user, name=name)
    context = {
        "page": page_asked(request, found, size=TIMEBANKS_PER_PAGE),
        "find_form": find,
        "name": name,
    }
    return render(request, "timebank/index.html", context)


@login_required
def join(request: HttpRequest, slug: str) -> HttpResponse:
    timebank = get_timebank_for_joining(slug=slug)
    existing = membership_for_user(user=request.user, timebank=timebank)
    form = JoinForm(posted(request))
    if existing is None and form.is_valid():
        try:
            timebanks.member_ask_to_join(
                timebank=timebank, user=request.user, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("Thank you. The coordinator will be in touch to welcome you.")
            )
            return redirect("timebank:join", slug=slug)
    context = {"timebank": timebank, "form": form, "existing": existing}
    return render(request, "timebank/join.html", context)


@login_required
def home(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug)
    context = {"place": place, "timebank": place.timebank, "schemes": place.timebank.schemes.all()}
    if place.member is not None and place.member.account is not None:
        balance = account_balance(account=place.member.account)
        soft_limit = place.member.account.soft_limit
        context["balance"] = balance
        context["past_soft_limit"] = soft_limit is not None and balance < soft_limit
        context["open_exchanges"] = exchanges_open_for_member(member=place.member)
    return render(request, "timebank/home.html", context)


@login_required
def statement(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug)
    if place.member is None or place.member.account is None:
        return redirect("timebank:home", slug=slug)
    account = place.member.account
    # Paged through without the transactions a line shows, and not counted: the ledger
    # keeps each account's number of entries with its balance.
    page = page_of(
        items=statement_entries(account=account),
        rows=statement_lines(),
        number=request.GET.get("page"),
        size=50,
        total=account.entry_count,
    )
    context = {
        "place": place,
        "timebank": place.timebank,
        "page": page,
        "rows": drawn_statement_rows(list(page.object_list)),
        "account": account,
    }
    return render(request, "timebank/statement.html", context)


@login_required
def give(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug)
    if place.member is None:
        return redirect("timebank:home", slug=slug)
    form = GiveForm(posted(request), initial={"given_with": uuid4().hex})
    if form.is_valid():
        try:
            exchanges.gift_give(
                member=place.member,
                minutes=form.minutes,
                actor=request.user,
                key=form.cleaned_data["given_with"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Thank you. Your hours are in the community pot."))
            return redirect("timebank:home", slug=slug)
    return render(
        request, "timebank/give.html", {"place": place, "timebank": place.timebank, "form": form}
    )


@login_required
def leave(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug)
    if place.member is None:
        return redirect("timebank:home", slug=slug)
    error = None
    if request.method == "POST":
        try:
            timebanks.member_leave(member=place.member, actor=request.user)
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(request, _("You have left the timebank. Thank you for all you gave."))
            return redirect("timebank:index")
    context = {"place": place, "timebank": place.timebank, "error": error}
    return render(request, "timebank/leave.html", context)
