"""Who has looked at a person's goals: newest first, 25 a page, and every page reachable."""

from django.urls import reverse

from flourish.accounts.factories import UserFactory
from flourish.outcomes.factories import goal_make
from flourish.outcomes.services.sharing import goal_read_record
from flourish.outcomes.views import sharing as sharing_views


def test_every_look_can_be_reached_a_page_at_a_time(client, monkeypatch, person):
    monkeypatch.setattr(sharing_views, "LOOKS_PER_PAGE", 2)
    goal = goal_make(person, wording="Walk to the allotment")
    for name in ["First Helper", "Second Helper", "Third Helper"]:
        goal_read_record(goal=goal, reader=UserFactory(name=name))
    client.force_login(person)

    newest = client.get(reverse("outcomes:looked")).content.decode()
    older = client.get(reverse("outcomes:looked") + "?page=2").content.decode()

    assert "Third Helper" in newest and "Second Helper" in newest
    assert "First Helper" not in newest
    assert 'href="?page=2"' in newest
    assert "First Helper" in older
