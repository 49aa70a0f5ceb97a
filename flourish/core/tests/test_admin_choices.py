"""An operator's admin page never lists a whole table that grows with the country: a
schedule's offer (60,000 of them), a programme's funder (every organisation) and the
like are chosen by id or by searching, not from a select of every row."""

import pytest
from allauth.mfa.models import Authenticator
from bs4 import BeautifulSoup
from django import forms
from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client, RequestFactory
from django.urls import reverse

from flourish.accounts.factories import UserFactory
from flourish.accounts.models import User
from flourish.accounts.tests.two_step import force_login_with_two_steps
from flourish.directory.factories import ScheduleFactory
from flourish.directory.models import Taxonomy, TaxonomyTerm
from flourish.grants.factories import ProgrammeFactory
from flourish.timebank.models import Timebank

# Tables that stay small however many people use Flourish: operator roles, Django's own
# model types, the codelists the directory classifies with, and the country's timebanks.
SMALL_TABLES = {Group, ContentType, Taxonomy, TaxonomyTerm, Timebank}
CHOSEN_WITHOUT_LISTING = ("ForeignKeyRawIdWidget", "ManyToManyRawIdWidget", "Autocomplete")


def editable_admins(request):
    for model, model_admin in admin.site._registry.items():
        if not model.__module__.startswith("flourish"):
            continue
        for shown in [model_admin, *model_admin.get_inline_instances(request)]:
            if isinstance(shown, InlineModelAdmin):
                formset = shown.get_formset(request)
                yield shown, formset.form, {formset.fk.name}
            elif shown.has_add_permission(request) or shown.has_change_permission(request):
                yield shown, shown.get_form(request), set()


def test_no_admin_form_lists_every_row_of_a_table_that_grows():
    request = RequestFactory().get("/")
    request.user = User(is_superuser=True, is_staff=True, is_active=True)
    listed = []
    for shown, form, parent in editable_admins(request):
        read_only = set(shown.get_readonly_fields(request)) | parent
        for name, field in form.base_fields.items():
            if name in read_only or not isinstance(field, forms.ModelChoiceField):  # noqa: TID251 (the admin's own)
                continue
            widget = getattr(field.widget, "widget", field.widget).__class__.__name__
            if field.queryset.model not in SMALL_TABLES and not widget.startswith(
                CHOSEN_WITHOUT_LISTING
            ):
                listed.append(f"{shown.__class__.__name__}.{name}: {widget}")

    assert listed == []


@pytest.mark.django_db
def test_a_schedule_and_a_programme_open_with_their_offer_and_funder_to_choose():
    client = Client()  # Django's admin pages, not Flourish's: the page checks are for ours
    operator = UserFactory(email="operator@example.org", is_staff=True, is_superuser=True)
    Authenticator.objects.create(user=operator, type=Authenticator.Type.TOTP, data={})
    force_login_with_two_steps(client, operator)
    schedule = ScheduleFactory()
    programme = ProgrammeFactory(budget_pence=0)

    schedule_page = client.get(reverse("admin:directory_schedule_change", args=[schedule.pk]))
    programme_page = client.get(reverse("admin:grants_programme_change", args=[programme.pk]))

    offer = BeautifulSoup(schedule_page.content, "html.parser").find(id="id_offer")
    funder = BeautifulSoup(programme_page.content, "html.parser").find(id="id_funder")
    assert offer["value"] == str(schedule.offer_id)
    assert [option["value"] for option in funder.find_all("option")] == [str(programme.funder_id)]
