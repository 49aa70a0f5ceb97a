import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from flourish.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from flourish.accounts.models import Consent, ConsentMethod, ConsentScope, Role
from flourish.accounts.rules import acts_for_with_consent
from flourish.accounts.selectors import active_consent_exists
from flourish.accounts.services import consent_record, consent_withdraw
from flourish.accounts.tests.conftest import page_text
from flourish.core.models import AuditEvent


@pytest.fixture
def broker(db):
    return UserFactory(email="broker@example.org", name="Dee Broker")


def online_consent(person, broker, scope=ConsentScope.ACT_FOR_ME) -> Consent:
    return consent_record(
        given_by=person,
        granted_to=broker,
        scope=scope,
        method=ConsentMethod.ONLINE,
        recorded_by=person,
    )


def test_a_broker_may_act_for_someone_only_while_their_consent_is_in_place(owner, broker):
    assert not broker.has_perm("accounts.act_for_person", owner)

    consent = online_consent(owner, broker)
    assert active_consent_exists(given_by=owner, granted_to=broker, scope=ConsentScope.ACT_FOR_ME)
    assert acts_for_with_consent(broker, owner)
    assert not acts_for_with_consent(owner, broker)

    consent_withdraw(consent=consent, actor=owner)
    assert not active_consent_exists(
        given_by=owner, granted_to=broker, scope=ConsentScope.ACT_FOR_ME
    )
    assert AuditEvent.objects.filter(action="accounts.consent_recorded").count() == 1
    assert AuditEvent.objects.filter(action="accounts.consent_withdrawn").count() == 1


def test_consent_for_one_thing_does_not_cover_another(owner, broker):
    online_consent(owner, broker, scope=ConsentScope.SHARE_OUTCOMES)

    assert not acts_for_with_consent(broker, owner)


def test_consent_given_to_an_organisation_covers_its_brokers_but_not_its_members(owner, db):
    support = OrganisationFactory(name="Bradford Brokerage")
    their_broker = UserFactory()
    MembershipFactory(user=their_broker, organisation=support, role=Role.BROKER)
    ordinary_member = UserFactory()
    MembershipFactory(user=ordinary_member, organisation=support, role=Role.GROUP_MEMBER)

    consent_record(
        given_by=owner,
        organisation=support,
        scope=ConsentScope.ACT_FOR_ME,
        method=ConsentMethod.ONLINE,
        recorded_by=owner,
    )

    assert acts_for_with_consent(their_broker, owner)
    assert not acts_for_with_consent(ordinary_member, owner)


def test_staff_record_consent_given_by_phone_but_a_stranger_cannot(owner, broker, stranger):
    coordinator = UserFactory()
    MembershipFactory(user=coordinator, role=Role.TIMEBANK_COORDINATOR)

    consent = consent_record(
        given_by=owner,
        granted_to=broker,
        scope=ConsentScope.ACT_FOR_ME,
        method=ConsentMethod.PHONE,
        recorded_by=coordinator,
        notes="Asha rang on Tuesday.",
    )
    assert consent.recorded_by == coordinator
    with pytest.raises(PermissionDenied):
        consent_record(
            given_by=owner,
            granted_to=stranger,
            scope=ConsentScope.ACT_FOR_ME,
            method=ConsentMethod.PHONE,
            recorded_by=stranger,
        )


def test_consent_must_name_someone_and_cannot_be_recorded_twice(owner, broker):
    with pytest.raises(ValidationError, match="Choose who may act"):
        consent_record(
            given_by=owner,
            scope=ConsentScope.ACT_FOR_ME,
            method=ConsentMethod.ONLINE,
            recorded_by=owner,
        )
    online_consent(owner, broker)
    with pytest.raises(ValidationError, match="already recorded"):
        online_consent(owner, broker)
    assert Consent.objects.count() == 1


def test_a_person_sees_their_consents_and_withdraws_one(client, owner, broker):
    consent = online_consent(owner, broker)
    client.force_login(owner)

    listing = page_text(client.get(reverse("accounts:consents")))
    assert "Dee Broker" in listing
    assert "In place" in listing
    url = reverse("accounts:consent_withdraw", args=[consent.pk])
    confirm = client.get(url)
    assert "Dee Broker will no longer be able to act for you" in page_text(confirm)
    consent.refresh_from_db()
    assert consent.is_active  # looking at the question changes nothing

    response = client.post(url)

    assert response["Location"] == reverse("accounts:consents")
    consent.refresh_from_db()
    assert not consent.is_active
    assert "Withdrawn" in page_text(client.get(response["Location"]))


def test_a_stranger_cannot_see_or_withdraw_someone_elses_consent(client, owner, broker, stranger):
    consent = online_consent(owner, broker)
    url = reverse("accounts:consent_withdraw", args=[consent.pk])

    for outsider in (stranger, broker):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
        assert "Dee Broker" not in page_text(client.get(reverse("accounts:consents")))

    consent.refresh_from_db()
    assert consent.is_active


def test_withdrawing_twice_is_refused_with_a_clear_message(owner, broker):
    consent = online_consent(owner, broker)
    consent_withdraw(consent=consent, actor=owner)

    with pytest.raises(ValidationError, match="already been withdrawn"):
        consent_withdraw(consent=consent, actor=owner)


def test_the_consents_page_costs_the_same_queries_however_many_there_are(
    client, owner, django_assert_max_num_queries
):
    for n in range(6):
        online_consent(owner, UserFactory(name=f"Supporter {n}"))
    client.force_login(owner)

    with django_assert_max_num_queries(7):
        response = client.get(reverse("accounts:consents"))

    assert page_text(response).count("In place") == 6
