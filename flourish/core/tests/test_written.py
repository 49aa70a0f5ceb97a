"""A read written once and run with each request's values gives what its queryset gives."""

import datetime

import pytest
from django.db import connection
from django.db.models import Count, QuerySet
from django.test.utils import CaptureQueriesContext

from flourish.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from flourish.accounts.models import Membership, Role
from flourish.core.written import read_written_once

pytestmark = pytest.mark.django_db


def memberships(user: int, since: datetime.date) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user, created_at__date__gte=since)
        .select_related("organisation", "user")
        .defer("user__phone")
        .annotate(members=Count("organisation__memberships"))
        .order_by("organisation__name")
    )


def read(user, since, name="memberships"):
    return read_written_once(memberships, [user.pk, since], name=name, model=Membership)


def shown(found):
    return [(m.pk, m.organisation.name, m.user.email, m.role, m.members) for m in found]


def test_each_persons_read_gives_what_their_queryset_gives():
    today = datetime.date.today()
    ada, bea = UserFactory(), UserFactory()
    fund, group = OrganisationFactory(name="Fund"), OrganisationFactory(name="Group")
    MembershipFactory(user=ada, organisation=group, role=Role.GROUP_LEAD)
    MembershipFactory(user=ada, organisation=fund, role=Role.FUNDER_STAFF)
    MembershipFactory(user=bea, organisation=group, role=Role.GROUP_MEMBER)

    for person in (ada, bea, ada):
        assert shown(read(person, today)) == shown(memberships(person.pk, today))
    assert [m.organisation.name for m in read(ada, today)] == ["Fund", "Group"]
    assert read(bea, today + datetime.timedelta(days=1)) == []


def test_a_written_read_is_one_query_and_its_related_rows_come_with_it():
    person = UserFactory()
    MembershipFactory(
        user=person, organisation=OrganisationFactory(name="Group"), role=Role.GROUP_MEMBER
    )
    read(person, datetime.date.today())

    with CaptureQueriesContext(connection) as captured:
        found = read(person, datetime.date.today())
        names = [(m.organisation.name, m.user.email) for m in found]

    assert len(captured.captured_queries) == 1
    assert names == [("Group", person.email)]


def test_a_read_that_works_out_a_value_of_its_own_is_refused():
    def fortnight(user: int, today: datetime.date) -> QuerySet[Membership]:
        return Membership.objects.filter(
            user=user, created_at__date__gte=today - datetime.timedelta(days=14)
        )

    with pytest.raises(ValueError, match="give what it works out as values too"):
        read_written_once(
            fortnight, [UserFactory().pk, datetime.date.today()], name="fortnight", model=Membership
        )


def test_only_whole_numbers_text_and_dates_are_given():
    moment = datetime.datetime.now(tz=datetime.UTC)
    with pytest.raises(TypeError):
        read_written_once(memberships, [1, moment], name="moment", model=Membership)
    with pytest.raises(TypeError):
        read_written_once(memberships, [True, datetime.date.today()], name="flag", model=Membership)


def roles_counted(organisation: int) -> QuerySet[Membership, dict]:
    return (
        Membership.objects.filter(organisation=organisation)
        .values("role")
        .annotate(people=Count("id"))
        .order_by("role")
    )


def test_a_values_read_gives_each_organisations_own_rows_as_its_queryset_does():
    group, other = OrganisationFactory(), OrganisationFactory()
    for role in (Role.GROUP_LEAD, Role.GROUP_MEMBER, Role.GROUP_MEMBER):
        MembershipFactory(organisation=group, role=role)
    MembershipFactory(organisation=other, role=Role.FUNDER_STAFF)

    for organisation in (group, other, group):
        found = read_written_once(
            roles_counted, [organisation.pk], name="roles counted", model=Membership
        )
        assert found == list(roles_counted(organisation.pk))
    assert found == [{"role": "group_lead", "people": 1}, {"role": "group_member", "people": 2}]


def test_a_values_list_read_is_refused():
    def roles(organisation: int) -> QuerySet[Membership, tuple]:
        return Membership.objects.filter(organisation=organisation).values_list("role")

    with pytest.raises(ValueError, match="not values_list"):
        read_written_once(roles, [1], name="roles as tuples", model=Membership)


def test_a_prepared_read_gives_each_person_their_own_rows_from_one_plan():
    today = datetime.date.today()
    ada, bea = UserFactory(), UserFactory()
    MembershipFactory(user=ada, organisation=OrganisationFactory(), role=Role.FUNDER_STAFF)
    MembershipFactory(user=bea, organisation=OrganisationFactory(), role=Role.GROUP_LEAD)

    def prepared_read(person):
        return read_written_once(
            memberships, [person.pk, today], name="prepared", model=Membership, prepare=True
        )

    before = _prepared_membership_reads()
    for person in (ada, bea, ada):
        assert shown(prepared_read(person)) == shown(memberships(person.pk, today))
    if connection.vendor == "postgresql":  # SQLite prepares nothing
        assert _prepared_membership_reads() == before + 1


def _prepared_membership_reads() -> int:
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%FROM "accounts_membership"%'],
        )
        return cursor.fetchone()[0]


@pytest.mark.parametrize("already_written", [False, True])
def test_a_number_no_column_holds_finds_nothing_written_or_not(already_written):
    from flourish.core.prepared import statements_written

    person = UserFactory()
    MembershipFactory(user=person, organisation=OrganisationFactory(), role=Role.GROUP_LEAD)
    statements_written().clear()
    if already_written:
        assert len(read(person, datetime.date.today())) == 1

    class Typed:
        pk = 10**20  # an id typed into an address

    assert read(Typed, datetime.date.today()) == []


def test_a_read_that_turns_the_text_it_is_given_into_a_pattern_is_refused():
    """`iexact` is LIKE on SQLite, whose pattern is not the text as given: refused when
    first written, not run later with "St_Helens" read as a pattern. On PostgreSQL it is
    the text as given, and the read gives what its queryset gives."""
    MembershipFactory(organisation=OrganisationFactory(name="St_Helens"), role=Role.GROUP_LEAD)
    MembershipFactory(organisation=OrganisationFactory(name="StXHelens"), role=Role.GROUP_LEAD)

    def named(name: str) -> QuerySet[Membership]:
        return Membership.objects.filter(organisation__name__iexact=name)

    def read_named(name: str) -> list[Membership]:
        return read_written_once(named, [name], name="organisations named", model=Membership)

    if connection.vendor == "sqlite":
        # Refused at once, even for a name with nothing a pattern would escape.
        with pytest.raises(ValueError, match="as they are"):
            read_named("leeds")
    else:
        assert read_named("leeds") == []
        assert [m.organisation.name for m in read_named("st_helens")] == ["St_Helens"]
