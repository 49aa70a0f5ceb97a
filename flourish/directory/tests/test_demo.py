import io

from flourish.directory import demo
from flourish.directory.models import LegalForm, Listing, Offer


def test_the_demo_directory_spreads_varied_groups_over_england_and_wales_and_can_run_again(db):
    demo.build(io.StringIO())
    listings = Listing.objects.count()
    assert listings >= 300
    assert Offer.objects.filter(personal_budget=True).exists()
    assert Offer.objects.filter(schedules__frequency="ONCE").exists()
    assert Listing.objects.filter(
        legal_form=LegalForm.UNCONSTITUTED, name__contains="Mutual Aid"
    ).exists()
    assert Listing.objects.filter(communities__icontains="LGBTQ+").exists()
    assert Listing.objects.filter(communities__icontains="Black").exists()
    authorities = set(Listing.objects.values_list("local_authority", flat=True))
    assert {"Cardiff", "Leeds", "Cornwall", "Newcastle upon Tyne"} <= authorities
    demo.build(io.StringIO())
    assert Listing.objects.count() == listings


def test_some_demo_groups_have_gone_unconfirmed_and_show_it(db):
    demo.build(io.StringIO())
    stale = Listing.objects.filter(state="stale")
    assert 0 < stale.count() < Listing.objects.count() / 2


def test_the_demo_has_suggestions_waiting_for_a_coordinator_to_check(db):
    demo.build(io.StringIO())
    demo.build(io.StringIO())
    waiting = Listing.objects.filter(state="pending")
    assert waiting.count() == len(demo.SUGGESTIONS)


def test_a_coordinator_checks_the_demo_suggestions_through_the_pages(client, db):
    from allauth.mfa.models import Authenticator
    from django.urls import reverse

    from flourish.accounts.factories import MembershipFactory, UserFactory
    from flourish.accounts.models import Role

    demo.build(io.StringIO())
    coordinator = UserFactory()
    MembershipFactory(user=coordinator, role=Role.ADMINISTRATOR)
    Authenticator.objects.create(user=coordinator, type=Authenticator.Type.TOTP, data={})
    client.force_login(coordinator)
    queue = client.get(reverse("directory:suggestion_list")).content.decode()
    assert "3 suggestions waiting" in queue

    knitting = Listing.objects.get(name="Tuesday Knit and Natter Chapeltown")
    client.post(reverse("directory:suggestion_approve", args=[knitting.uuid]))
    duplicate = Listing.objects.get(name="Chapeltown Mutual Aid (Harehills end)")
    listed = Listing.objects.get(name="Chapeltown Mutual Aid")
    review = client.get(reverse("directory:suggestion_review", args=[duplicate.uuid]))
    assert "Chapeltown Mutual Aid (LS8)" in review.content.decode()
    client.post(
        reverse("directory:suggestion_merge", args=[duplicate.uuid]),
        {"merge-into": str(listed.uuid)},
    )
    spam = Listing.objects.get(name="Best Cheap Watches Online")
    client.post(
        reverse("directory:suggestion_reject", args=[spam.uuid]),
        {"reject-reason": "This is an advert, not a group."},
    )

    states = dict(
        Listing.objects.filter(pk__in=[knitting.pk, duplicate.pk, spam.pk]).values_list(
            "name", "state"
        )
    )
    assert states == {
        knitting.name: "active",
        duplicate.name: "merged",
        spam.name: "rejected",
    }
    assert (
        "There are no suggestions waiting"
        in client.get(reverse("directory:suggestion_list")).content.decode()
    )
