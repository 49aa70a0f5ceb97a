import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from flourish.grants.factories import AwardFactory
from flourish.grants.services.decisions import award_accept

pytestmark = pytest.mark.django_db


@pytest.fixture
def award(programme, group, owner):
    return AwardFactory(
        application__programme=programme,
        application__group=group,
        application__submitted_by=owner,
        programme=programme,
        conditions="Tell us how it went.",
    )


def test_the_group_reads_its_award_letter_and_accepts_online(client, owner, award):
    client.force_login(owner)
    url = reverse("grants:application_status", args=[award.application_id])
    assert "Tell us how it went." in client.get(url).content.decode()

    client.post(reverse("grants:accept", args=[award.application_id]))

    award.refresh_from_db()
    assert award.accepted_how == "online"
    assert 'id="accepted"' in client.get(url).content.decode()


def test_staff_record_an_acceptance_given_by_phone(client, staff, award):
    client.force_login(staff)

    client.post(reverse("grants:record_acceptance", args=[award.application_id]))

    award.refresh_from_db()
    assert award.accepted_how == "verbal"
    assert award.accepted_by == staff


def test_an_award_is_accepted_once(owner, award):
    award_accept(award=award, actor=owner)
    first = award.__class__.objects.get().accepted_at

    with pytest.raises(ValidationError, match="already been accepted"):
        award_accept(award=award, actor=owner)
    assert award.__class__.objects.get().accepted_at == first


def test_a_stranger_cannot_accept_someone_elses_award(client, stranger, award):
    client.force_login(stranger)

    response = client.post(reverse("grants:accept", args=[award.application_id]))

    assert response.status_code == 404
    award.refresh_from_db()
    assert award.accepted_at is None
