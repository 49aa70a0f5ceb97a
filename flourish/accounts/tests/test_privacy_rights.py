"""People's rights to their data: a copy of everything, erasure that keeps money balanced
and some grant records for a time, and staff doing both for a request by post or phone."""

import io
import json
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.auth import authenticate
from django.db import connection, models
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from flourish.accounts.factories import (
    ConsentFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from flourish.accounts.models import OrganisationKind, Role, User
from flourish.accounts.services.privacy import person_erase
from flourish.accounts.tests.two_step import force_login_with_two_steps
from flourish.core.events import SENSITIVE_RECORD_READ
from flourish.core.models import AuditEvent
from flourish.core.privacy import audit_events_about
from flourish.core.services import audit_record
from flourish.grants.factories import AwardFactory, ProgrammeFactory, application_with_lines
from flourish.grants.models import Application
from flourish.grants.privacy import applications_for_person
from flourish.ledger.models import LedgerAccount, LedgerEntry, Unit
from flourish.ledger.selectors import account_balance_from_entries
from flourish.ledger.services import account_open, transaction_post

pytestmark = pytest.mark.django_db

NAME, EMAIL, PHONE = "Asha Member", "asha.member@example.org", "07700 900461"


def administrator(email: str = "admin@example.org") -> User:
    person = UserFactory(email=email, name="Ada Administrator")
    operator = OrganisationFactory(kind=OrganisationKind.OPERATOR, name="Flourish")
    MembershipFactory(user=person, organisation=operator, role=Role.ADMINISTRATOR)
    Authenticator.objects.get_or_create(
        user=person, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "test"}}
    )
    return person


def timebank_account(person: User) -> LedgerAccount:
    return account_open(
        owner=person,
        purpose="timebank",
        unit=Unit.TIME,
        name=f"{person.name}'s timebank hours",
        floor=None,
    )


@pytest.fixture
def asha(group):
    person = UserFactory(email=EMAIL, name=NAME, phone=PHONE, access_needs="I use a screen reader")
    EmailAddress.objects.create(user=person, email=EMAIL, verified=True, primary=True)
    MembershipFactory(user=person, organisation=group, role=Role.GROUP_LEAD)
    ConsentFactory(given_by=person, notes=f"{NAME} said yes on the phone")
    return person


@pytest.fixture
def her_records(asha, group):
    """A sent application, a draft, hours given in the timebank, and a staff member's read."""
    sent = application_with_lines(
        group=group,
        submitted_by=asha,
        applicant_name=NAME,
        contact_detail=EMAIL,
        communities="Black women",
        what_you_want_to_do="Peer support for women who hear voices",
    )
    draft = application_with_lines(
        programme=sent.programme, group=group, submitted_by=asha, status="draft"
    )
    neighbour = UserFactory(name="Bo Neighbour")
    transaction_post(
        idempotency_key="walk-and-talk",
        lines=[(timebank_account(asha), 90), (timebank_account(neighbour), -90)],
        description="Timebank: walk and talk",
        actor=asha,
    )
    audit_record(actor=asha, action="accounts.preferences_updated", target=asha, data={"by": EMAIL})
    staff = UserFactory(name="Grace Funder")
    audit_record(
        actor=staff, action=SENSITIVE_RECORD_READ, target=sent, data={"fields": ["contact_detail"]}
    )
    return {"sent": sent, "draft": draft, "staff": staff}


def texts_naming(words: list[str]) -> list[str]:
    """Every stored text value, in every table, that contains one of the words."""
    found = []
    for model in apps.get_models():
        names = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField | models.JSONField)
        ]
        for row in model._default_manager.values_list(*names) if names else []:
            text = json.dumps(row, default=str).lower()
            found += [f"{model._meta.label}: {word}" for word in words if word.lower() in text]
    return found


def test_a_person_reads_everything_held_about_them_on_one_page(client, asha, her_records):
    client.force_login(asha)

    page = client.get(reverse("accounts:your_data")).content.decode()

    for held in [
        EMAIL,
        PHONE,
        "I use a screen reader",
        "Hearing Voices Leeds",
        "Group lead",
        "said yes on the phone",
        "Peer support for women who hear voices",
        "Black women",
        "1 hour 30 minutes",
        "Grace Funder",  # who read her application
    ]:
        assert held in page, held


def test_a_person_downloads_the_same_as_a_file_other_software_reads(client, asha, her_records):
    client.force_login(asha)

    response = client.get(reverse("accounts:your_data"), {"format": "json"})

    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"].startswith("max-age=0")
    data = json.loads(response.getvalue())
    assert data["account"][0]["Phone number"] == PHONE
    assert len(data["applications"]) == 2
    assert data["ledger_accounts"] == [
        {"account": f"{NAME}'s timebank hours", "balance": "1 hour 30 minutes"}
    ]
    assert data["record_reads"][0]["Who"] == "Grace Funder"


def test_years_of_trail_show_the_newest_on_the_page_and_every_one_in_the_file(
    client, asha, her_records
):
    """A coordinator's years of work are thousands of events: the page stays readable,
    the download holds them all, and both cost the same queries however many there are."""
    for _ in range(60):
        audit_record(actor=asha, action="timebank.exchange_recorded", target=asha, data={})
    client.force_login(asha)

    page = client.get(reverse("accounts:your_data")).content.decode()
    data = json.loads(client.get(reverse("accounts:your_data"), {"format": "json"}).getvalue())

    records = list(applications_for_person(person=asha))
    in_all = audit_events_about(person=asha, records=records).count()
    # The newest 50: asking for the copy, and 49 of the 60 exchanges.
    assert page.count("Exchange recorded") == 49
    assert "Preferences changed" not in page
    # The page was read before the download was asked for, which is recorded too.
    assert f"These are the newest 50 of {in_all - 1}. The file holds every one." in page
    assert len(data["audit_events"]) == in_all
    assert "Preferences changed" in json.dumps(data["audit_events"])  # among the oldest


def test_the_copy_takes_the_same_number_of_queries_however_much_is_held(client, asha, her_records):
    client.force_login(asha)
    url = reverse("accounts:your_data")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(4):
        application_with_lines(group=her_records["sent"].group, submitted_by=asha)
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(few)


def test_someone_elses_copy_and_erasure_pages_are_404_to_all_but_administrators(
    client, asha, colleague, stranger
):
    for person in (colleague, stranger, asha):
        client.force_login(person)
        for name in ("person_data", "person_data_request", "person_erase"):
            assert client.get(reverse(f"accounts:{name}", args=[asha.pk])).status_code == 404
        assert client.get(reverse("accounts:people"), {"email": EMAIL}).status_code == 404
        assert client.post(reverse("accounts:person_erase", args=[asha.pk])).status_code == 404
    assert User.objects.get(pk=asha.pk).is_active


def test_staff_find_a_person_who_wrote_in_and_record_the_request_before_the_copy(
    client, asha, her_records
):
    staff = administrator()
    client.force_login(staff)

    found = client.get(reverse("accounts:people"), {"email": "Asha.Member@example.org"})
    refused = client.post(reverse("accounts:person_data_request", args=[asha.pk]), {})
    recorded = client.post(
        reverse("accounts:person_data_request", args=[asha.pk]), {"received_by": "post"}
    )
    copy = client.get(recorded["Location"])

    assert reverse("accounts:person_data_request", args=[asha.pk]) in found.content.decode()
    assert "Choose how the request reached you" in refused.content.decode()
    assert copy.status_code == 200 and PHONE in copy.content.decode()
    request = AuditEvent.objects.get(action="accounts.person_data_copied")
    assert (request.actor, request.data) == (staff, {"received_by": "post"})
    client.force_login(asha)
    looked = client.get(reverse("accounts:who_has_looked")).content.decode()
    assert "Ada Administrator" in looked and "Grace Funder" in looked


def test_who_has_looked_lists_only_reads_of_the_persons_own_records(client, asha, her_records):
    other = application_with_lines()
    audit_record(actor=UserFactory(name="Nosy Parker"), action=SENSITIVE_RECORD_READ, target=other)
    client.force_login(asha)

    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("accounts:who_has_looked")).content.decode()

    assert "Grace Funder" in page and "Nosy Parker" not in page
    assert (
        reverse("accounts:who_has_looked")
        in client.get(reverse("accounts:profile")).content.decode()
    )
    assert len(queries) < 12


def test_who_has_looked_comes_newest_first_a_page_at_a_time(client, monkeypatch, asha):
    from flourish.accounts.views import privacy as privacy_views

    monkeypatch.setattr(privacy_views, "READS_PER_PAGE", 2)
    for name in ["First Looker", "Second Looker", "Third Looker"]:
        audit_record(actor=UserFactory(name=name), action=SENSITIVE_RECORD_READ, target=asha)
    client.force_login(asha)

    newest = client.get(reverse("accounts:who_has_looked")).content.decode()
    oldest = client.get(reverse("accounts:who_has_looked") + "?page=2").content.decode()

    assert "Third Looker" in newest and "Second Looker" in newest
    assert "First Looker" not in newest
    assert "Page 1 of 2" in newest and 'href="?page=2"' in newest
    assert "First Looker" in oldest


def test_erasure_leaves_nothing_naming_the_person_and_the_ledger_still_balances(
    client, asha, her_records
):
    client.force_login(asha)
    confirm = client.get(reverse("accounts:erase")).content.decode()

    response = client.post(reverse("accounts:erase"))

    assert "cannot be undone" in confirm
    assert response["Location"] == reverse("accounts:erased")
    assert texts_naming([NAME, EMAIL, PHONE, "screen reader"]) == []
    assert not Application.objects.filter(pk=her_records["draft"].pk).exists()
    sent = Application.objects.get(pk=her_records["sent"].pk)
    assert sent.what_you_want_to_do == "Peer support for women who hear voices"  # the group's
    for account in LedgerAccount.objects.all():
        assert account.balance == account_balance_from_entries(account=account)
    assert sum(LedgerEntry.objects.values_list("amount", flat=True)) == 0
    unlinked = LedgerAccount.objects.get(purpose__startswith="erased-")
    assert unlinked.owner_id == "" and unlinked.balance == 90
    assert AuditEvent.objects.filter(action="accounts.preferences_updated").exists()


def test_after_erasure_the_person_is_signed_out_and_cannot_sign_in_again(client, asha):
    asha.set_password("a long enough password")
    asha.save()
    client.force_login(asha)

    client.post(reverse("accounts:erase"))

    assert client.get(reverse("accounts:profile")).status_code == 302
    assert authenticate(email=EMAIL, password="a long enough password") is None
    assert not EmailAddress.objects.filter(email=EMAIL).exists()
    assert not User.objects.filter(email=EMAIL).exists()


def test_an_awarded_grant_is_kept_whole_for_the_retention_period_and_the_page_says_until_when(
    client, asha, group, settings
):
    settings.GRANT_RECORD_RETENTION_YEARS = 6
    programme = ProgrammeFactory(title="Covid Fund")
    recent = application_with_lines(
        programme=programme, group=group, submitted_by=asha, applicant_name=NAME, status="awarded"
    )
    AwardFactory(application=recent, programme=programme, awarded_on=timezone.localdate())
    old = application_with_lines(
        programme=programme, group=group, submitted_by=asha, applicant_name=NAME, status="awarded"
    )
    AwardFactory(
        application=old,
        programme=programme,
        awarded_on=timezone.localdate() - timedelta(days=7 * 366),
    )
    client.force_login(asha)

    confirm = client.get(reverse("accounts:erase")).content.decode()
    client.post(reverse("accounts:erase"))

    until = timezone.localdate().replace(year=timezone.localdate().year + 6)
    assert "What we must keep for a time" in confirm
    assert f"Covid Fund, for Hearing Voices Leeds, until {until:%-d %B %Y}" in confirm
    assert Application.objects.get(pk=recent.pk).applicant_name == NAME
    assert Application.objects.get(pk=old.pk).applicant_name == ""
    event = AuditEvent.objects.get(action="accounts.person_erased")
    assert event.data["kept_applications"] == [recent.pk]


def test_staff_erase_a_person_who_phoned_saying_how_the_request_came(client, asha, her_records):
    staff = administrator()
    client.force_login(staff)
    url = reverse("accounts:person_erase", args=[asha.pk])

    refused = client.post(url, {})
    done = client.post(url, {"received_by": "phone"})

    assert "Choose how the request reached you" in refused.content.decode()
    assert done.status_code == 302
    assert texts_naming([NAME, EMAIL, PHONE]) == []
    event = AuditEvent.objects.get(action="accounts.person_erased")
    assert (event.actor, event.data["received_by"]) == (staff, "phone")


def test_the_admin_delete_button_leads_to_erasure_and_deletes_nothing(asha):
    operator = administrator("operator@example.org")
    User.objects.filter(pk=operator.pk).update(is_staff=True, is_superuser=True)
    admin = Client()
    force_login_with_two_steps(admin, operator)

    page = admin.get(reverse("admin:accounts_user_delete", args=[asha.pk]))
    posted = admin.post(reverse("admin:accounts_user_delete", args=[asha.pk]), {"post": "yes"})
    bulk = admin.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "delete_selected", "_selected_action": [asha.pk], "post": "yes"},
    )

    assert page["Location"] == reverse("accounts:person_erase", args=[asha.pk])
    assert posted["Location"] == reverse("accounts:person_erase", args=[asha.pk])
    assert bulk.status_code in {200, 302}
    assert User.objects.get(pk=asha.pk).name == NAME


def test_the_privacy_page_explains_the_rights_and_how_long_grant_records_are_kept(client, settings):
    settings.GRANT_RECORD_RETENTION_YEARS = 7

    page = client.get(reverse("core:privacy")).content.decode()

    assert "Get a copy of everything we hold about you" in page
    assert "Ask us to erase your data" in page
    assert "for 7 years after the grant was made" in page
    assert "Who has looked at my information" in page


def test_a_kept_grant_record_loses_the_erased_persons_details_once_its_time_is_up(
    asha, group, settings
):
    from django.core.management import call_command

    settings.GRANT_RECORD_RETENTION_YEARS = 6
    awarded = application_with_lines(
        group=group, submitted_by=asha, applicant_name=NAME, contact_detail=EMAIL, status="awarded"
    )
    AwardFactory(application=awarded, programme=awarded.programme, awarded_on=timezone.localdate())
    person_erase(person=asha, actor=asha, received_by="online")
    call_command("forget_expired_grant_records", stdout=io.StringIO())
    assert Application.objects.get(pk=awarded.pk).applicant_name == NAME  # not yet

    settings.GRANT_RECORD_RETENTION_YEARS = 0
    call_command("forget_expired_grant_records", stdout=io.StringIO())

    assert texts_naming([NAME, EMAIL]) == []
