import pytest
from django.db import IntegrityError, transaction

from flourish.grants.factories import ApplicationFactory, AwardFactory, ProgrammeFactory
from flourish.grants.models import ApplicationStatus

pytestmark = pytest.mark.django_db


def test_a_new_programme_pays_for_the_eight_kinds_of_thing_the_nsun_fund_paid_for(programme):
    names = list(programme.categories.values_list("name", flat=True))

    assert len(names) == 8
    assert names[0] == "Technology to keep in touch"
    assert "Radio and broadcasting" in names


def test_the_database_refuses_a_largest_grant_below_the_smallest():
    with pytest.raises(IntegrityError), transaction.atomic():
        ProgrammeFactory(min_grant_pence=50_000, max_grant_pence=10_000)


def test_the_database_refuses_an_award_of_nothing(programme):
    with pytest.raises(IntegrityError), transaction.atomic():
        AwardFactory(application__programme=programme, amount_pence=0)


def test_the_database_refuses_paying_more_than_was_awarded(programme):
    with pytest.raises(IntegrityError), transaction.atomic():
        AwardFactory(application__programme=programme, amount_pence=100, paid_pence=200)


def test_a_sent_application_always_has_the_date_it_was_sent(programme):
    with pytest.raises(IntegrityError), transaction.atomic():
        ApplicationFactory(
            programme=programme, status=ApplicationStatus.SUBMITTED, submitted_at=None
        )


def test_a_programme_with_awards_cannot_be_deleted(programme):
    AwardFactory(application__programme=programme)

    with pytest.raises(IntegrityError), transaction.atomic():
        programme.delete()


def test_an_award_reads_in_pounds_wherever_it_is_named_for_example_the_audit_trail(programme):
    award = AwardFactory(
        application__programme=programme, programme=programme, amount_pence=150_000
    )

    assert str(award).endswith(": £1,500")
