"""Pages for a person's own account."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from flourish.accounts.selectors import membership_list_for_user


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    memberships = membership_list_for_user(user=request.user)
    return render(request, "accounts/profile.html", {"memberships": memberships})
