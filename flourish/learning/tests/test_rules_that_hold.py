"""A support partner helps only with the requests a group sent to their own organisation:
being a support partner somewhere, even while in the asking group, is not enough."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from flourish.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from flourish.accounts.models import OrganisationKind, Role
from flourish.accounts.tests.two_step import with_authenticator
from flourish.core.models import AuditEvent
from flourish.learning import events
from flourish.learning.models import SupportNote, SupportRequest, SupportStatus
from flourish.learning.services.support import (
    support_note_log,
    support_organisation_choose,
    support_request_create,
    support_request_take_on,
)

pytestmark = pytest.mark.django_db

REFUSED = "Only the organisation this group asked for help"


@pytest.fixture
def asked_elsewhere(group, owner):
    """The group asked Bradford Community Action, not Leeds Community Action."""
    bradford = OrganisationFactory(
        kind=OrganisationKind.SUPPORT_ORGANISATION, name="Bradford Community Action"
    )
    support_organisation_choose(group=group, actor=owner, organisation=bradford)
    return support_request_create(group=group, actor=owner, what="A first budget")


@pytest.fixture
def partner_of_another_organisation(group):
    """A support partner at Leeds Community Action who is also in the asking group."""
    leeds = OrganisationFactory(
        kind=OrganisationKind.SUPPORT_ORGANISATION, name="Leeds Community Action"
    )
    person = UserFactory(email="leeds-partner@example.org", name="Lou Partner")
    MembershipFactory(user=person, organisation=leeds, role=Role.SUPPORT_PARTNER)
    MembershipFactory(user=person, organisation=group, role=Role.GROUP_MEMBER)
    return with_authenticator(person)


def nothing_changed(support_request):
    support_request = SupportRequest.objects.get(pk=support_request.pk)
    assert (support_request.status, support_request.helper, support_request.agreed_help) == (
        SupportStatus.ASKED,
        None,
        "",
    )
    assert not SupportNote.objects.filter(request=support_request).exists()
    assert not AuditEvent.objects.filter(
        action__in=[events.SUPPORT_TAKEN_ON, events.SUPPORT_NOTE_LOGGED]
    ).exists()


def test_a_support_partner_cannot_take_on_or_log_a_note_on_a_request_made_to_another_organisation(
    client, asked_elsewhere, partner_of_another_organisation
):
    client.force_login(partner_of_another_organisation)
    # As a member of the group they may read the request...
    page = client.get(reverse("learning:support_request", args=[asked_elsewhere.pk]))
    assert page.status_code == 200

    # ...but not take it on or log a conversation on it.
    took_on = client.post(
        reverse("learning:support_take_on", args=[asked_elsewhere.pk]),
        {"agreed_help": "Two calls"},
    )
    noted = client.post(
        reverse("learning:support_note", args=[asked_elsewhere.pk]), {"text": "We spoke today."}
    )

    assert (took_on.status_code, noted.status_code) == (404, 404)
    nothing_changed(asked_elsewhere)


def test_the_services_refuse_a_support_partner_of_another_organisation(
    asked_elsewhere, partner_of_another_organisation
):
    with pytest.raises(ValidationError, match=REFUSED):
        support_request_take_on(
            support_request=asked_elsewhere,
            actor=partner_of_another_organisation,
            agreed_help="Two calls",
        )
    with pytest.raises(ValidationError, match=REFUSED):
        support_note_log(
            support_request=asked_elsewhere,
            actor=partner_of_another_organisation,
            text="We spoke today.",
        )

    nothing_changed(asked_elsewhere)
