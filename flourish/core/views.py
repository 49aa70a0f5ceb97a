"""Pages owned by core: the home page, the statements, and the audit trail."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from flourish.accounts.selectors import groups_of_person
from flourish.core.forms import AuditFilterForm
from flourish.core.pagination import page_of
from flourish.core.selectors import audit_event_list


def form_expired(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without its CSRF token, or with an old one: what happened and what to do,
    in the person's language and the site's layout (Django's own page is neither)."""
    return render(request, "403_csrf.html", status=403)


def home(request: HttpRequest) -> HttpResponse:
    # Someone who runs or belongs to a group sees their group's pages first.
    return render(request, "core/home.html", {"your_groups": groups_of_person(user=request.user)})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


def privacy(request: HttpRequest) -> HttpResponse:
    years = settings.GRANT_RECORD_RETENTION_YEARS
    return render(request, "core/privacy.html", {"retention_years": years})


def audit_trail(request: HttpRequest) -> HttpResponse:
    # Anyone who is not an administrator is told nothing, not even that it exists.
    if not request.user.has_perm("core.view_audit_trail"):
        raise Http404
    form = AuditFilterForm(request.GET or None)
    area = form.cleaned_data["area"] if form.is_valid() else ""
    page = page_of(
        items=audit_event_list(action_prefix=area), number=request.GET.get("page"), size=50
    )
    return render(request, "core/audit_trail.html", {"page": page, "area": area, "form": form})
