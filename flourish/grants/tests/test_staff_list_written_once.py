"""The staff list's page is written once for each set of filters and run for every
programme: each programme, page and filter still gets exactly its own applications."""

import datetime

import pytest
from django.utils import timezone

from flourish.accounts.factories import MembershipFactory, UserFactory
from flourish.accounts.models import Role
from flourish.accounts.tests.two_step import force_login_with_two_steps, with_authenticator
from flourish.grants.factories import (
    ApplicationFactory,
    GroupFactory,
    ProgrammeFactory,
    SpendLineFactory,
)
from flourish.grants.models import ApplicationStatus
from flourish.grants.selectors import (
    ApplicationFilters,
    application_list_for_programme,
    application_page_for_programme,
)

pytestmark = pytest.mark.django_db

PLACES = ["Leeds", "Bradford", "leeds"]
STATUSES = [ApplicationStatus.SUBMITTED, ApplicationStatus.IN_REVIEW]


def _programme_with_applications(slug: str, how_many: int):
    programme = ProgrammeFactory(slug=slug)
    first, second = programme.categories.all()[:2]
    sent = timezone.now() - datetime.timedelta(days=30)
    for number in range(how_many):
        application = ApplicationFactory(
            programme=programme,
            group=GroupFactory(name=f"{slug} group {number}"),
            status=STATUSES[number % 2],
            local_authority=PLACES[number % 3],
            # Two applications sent at each moment: the list's order falls back on ids.
            submitted_at=sent + datetime.timedelta(hours=number // 2),
        )
        SpendLineFactory(application=application, category=first if number % 4 else second)
    return programme, first, second


def _every_page(programme, filters, size=3):
    pages, number = [], 1
    while True:
        page = application_page_for_programme(
            programme=programme, filters=filters, number=str(number), size=size
        )
        pages.append([application.group.name for application in page])
        if not page.has_next():
            return page.paginator.count, pages
        number += 1


def _expected(programme, filters, size=3):
    names = [
        application.group.name
        for application in application_list_for_programme(programme=programme.pk, filters=filters)
    ]
    return len(names), [names[start : start + size] for start in range(0, len(names), size)]


def test_each_programme_and_filter_gets_its_own_applications_on_every_page():
    leeds_fund, leeds_first, leeds_second = _programme_with_applications("leeds-fund", 17)
    other_fund, other_first, _ = _programme_with_applications("other-fund", 11)

    for programme, first, second in [
        (leeds_fund, leeds_first, leeds_second),
        (other_fund, other_first, other_first),
        (leeds_fund, leeds_second, leeds_first),
    ]:
        for filters in [
            ApplicationFilters(),
            ApplicationFilters(status=ApplicationStatus.IN_REVIEW),
            ApplicationFilters(category=first.pk),
            ApplicationFilters(local_authority="LEEDS"),
            ApplicationFilters(category=second.pk, local_authority="leeds"),
            ApplicationFilters(status=ApplicationStatus.SUBMITTED, local_authority="Bradford"),
            ApplicationFilters(search="group 1"),
        ]:
            assert _every_page(programme, filters) == _expected(programme, filters), filters


def test_a_page_of_a_list_already_counted_is_one_query(django_assert_num_queries):
    programme, first, _ = _programme_with_applications("counted-fund", 8)
    filters = ApplicationFilters(category=first.pk, local_authority="leeds")
    application_page_for_programme(programme=programme, filters=filters, number="1", size=2)

    with django_assert_num_queries(1):
        page = application_page_for_programme(
            programme=programme, filters=filters, number="2", size=2
        )
        names = [(application.group.name, application.status) for application in page]

    assert len(names) == 2


@pytest.mark.parametrize("typed", ["St_Helens", "100%", "back\\slash"])
def test_a_council_area_typed_with_a_wildcard_is_matched_as_typed(client, typed):
    programme, _, _ = _programme_with_applications("wildcard-fund", 2)
    ApplicationFactory(
        programme=programme, group=GroupFactory(name="Typed Place Group"), local_authority=typed
    )
    staff = with_authenticator(UserFactory())
    MembershipFactory(user=staff, organisation=programme.funder, role=Role.FUNDER_STAFF)
    force_login_with_two_steps(client, staff)

    response = client.get(
        f"/grants/manage/programmes/{programme.slug}/applications/",
        {"local_authority": typed.lower()},
    )

    assert response.status_code == 200
    assert "Typed Place Group" in response.text
    assert "wildcard-fund group" not in response.text
