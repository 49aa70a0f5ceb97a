"""On an Urdu page, what people typed in English or in digits still reads the right way:
phone numbers stay one left-to-right piece, and a group's own words take the direction
of the language they were written in."""

import pytest
from django.urls import reverse

from flourish.core.tests.page_checks import check_page
from flourish.directory.factories import ListingFactory
from flourish.grants.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def urdu_page(client, url: str):
    return check_page(client.get(url, HTTP_ACCEPT_LANGUAGE="ur").content.decode())


def test_a_groups_phone_number_and_own_words_keep_their_direction_on_an_urdu_page(client):
    listing = ListingFactory(phone="0113 496 0001", description="We walk and talk. All welcome.")
    page = urdu_page(client, reverse("directory:listing", args=[listing.uuid]))

    assert page.html["dir"] == "rtl"
    assert page.find("span", dir="ltr", string="0113 496 0001")
    description = page.find("p", string="We walk and talk. All welcome.")
    assert description["dir"] == "auto"


def test_a_programmes_phone_number_reads_left_to_right_on_an_urdu_page(client):
    programme = ProgrammeFactory(contact_phone="0113 496 0002", contact_hours="10 to 4")
    page = urdu_page(client, reverse("grants:programme_detail", args=[programme.slug]))

    assert page.find(id="apply-by-phone").find("span", dir="ltr", string="0113 496 0002")


def test_an_offers_types_are_listed_with_the_urdu_comma(client):
    from flourish.directory.factories import OfferFactory
    from flourish.directory.models import TaxonomyTerm

    offer = OfferFactory()
    offer.terms.set(TaxonomyTerm.objects.filter(code__in=["peer-support", "activity"]))
    url = reverse("directory:offer", args=[offer.uuid])

    english = check_page(client.get(url).content.decode()).get_text()
    urdu = urdu_page(client, url).get_text()

    assert "Activity, Peer support group" in english
    assert "، " in urdu and "Peer support group" not in urdu
