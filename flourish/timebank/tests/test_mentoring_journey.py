"""Match a mentor and log three sessions, and raise a concern, through the pages."""

import datetime

from django.urls import reverse

from flourish.timebank.factories import mentee_make, mentor_make, scheme_make
from flourish.timebank.models import MentoringPair, MentoringSession, PairStatus

TODAY = datetime.date.today().isoformat()


def test_match_a_mentor_log_three_sessions_and_raise_a_concern(
    client, timebank, coordinator, alice, bob, mailoutbox, django_capture_on_commit_callbacks
):
    scheme = scheme_make(timebank)
    mentor = mentor_make(scheme, member=alice, languages="Urdu")
    mentee = mentee_make(scheme, member=bob, languages="Urdu")
    pages = f"/timebank/{timebank.slug}/mentoring/{scheme.slug}"

    client.force_login(coordinator)
    assert "Bob Receiver" in client.get(f"{pages}/").text
    suggestions = client.get(f"{pages}/waiting/{mentee.pk}/").text
    assert "Alice Giver" in suggestions and "urdu" in suggestions
    client.post(f"{pages}/waiting/{mentee.pk}/", {"mentor": mentor.pk})
    pair = MentoringPair.objects.get()

    for person in (alice.user, bob.user):
        client.force_login(person)
        client.post(
            reverse("timebank:pair_act", args=[timebank.slug, scheme.slug, pair.pk, "accept"])
        )
    pair.refresh_from_db()
    assert pair.status == PairStatus.ACTIVE

    def act(action):
        return reverse("timebank:pair_act", args=[timebank.slug, scheme.slug, pair.pk, action])

    for number in range(3):
        client.post(
            act("session"),
            {
                "session-happened_on": TODAY,
                "session-minutes": "45",
                "session-mode": "phone",
                "session-summary": f"Talk {number}",
            },
        )
    assert MentoringSession.objects.count() == 3

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            act("concern"), {"concern-details": "Worried about money"}, follow=True
        )
    assert "gone to the coordinator" in response.text
    assert mailoutbox[-1].to == [coordinator.email]


def test_a_pairs_page_is_404_to_the_coordinator_and_other_members(
    client, timebank, coordinator, carol
):
    scheme = scheme_make(timebank)
    mentor = mentor_make(scheme)
    pair_page = f"/timebank/{timebank.slug}/mentoring/{scheme.slug}/pairs/"
    from flourish.timebank.services.mentoring import pair_propose

    pair = pair_propose(mentor=mentor, mentee=mentee_make(scheme), actor=coordinator)
    for person in (coordinator, carol.user):
        client.force_login(person)
        assert client.get(f"{pair_page}{pair.pk}/").status_code == 404
    client.force_login(mentor.member.user)
    assert client.get(f"{pair_page}{pair.pk}/").status_code == 200
