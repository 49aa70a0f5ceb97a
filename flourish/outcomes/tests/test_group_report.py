"""A group telling its funder what happened is pointed to its members' consented totals, so
nobody fills in a form about anyone's wellbeing."""

import pytest
from django.urls import reverse

from flourish.outcomes.tests.conftest import route_world

pytestmark = pytest.mark.django_db


def test_the_lead_is_pointed_from_the_report_to_the_groups_totals(client, world):
    routes = route_world()
    client.force_login(world.people[routes.LEAD])
    page = client.get(reverse("grants:report", args=[world.awarded.pk])).content.decode()
    assert "How people are doing: no form to fill in" in page
    totals = reverse("outcomes:group_totals", args=[world.awarded.group.slug])
    assert totals in page
    assert client.get(totals).status_code == 200


def test_a_member_reads_the_section_without_a_link_they_could_not_open(client, world):
    routes = route_world()
    client.force_login(world.people[routes.MEMBER])
    page = client.get(reverse("grants:report", args=[world.awarded.pk])).content.decode()
    assert "How people are doing: no form to fill in" in page
    assert reverse("outcomes:group_totals", args=[world.awarded.group.slug]) not in page
