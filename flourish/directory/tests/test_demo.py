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
