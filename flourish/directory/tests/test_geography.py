import pytest

from flourish.directory.geography import district_for, haversine_km, normalise_postcode


def test_it_places_a_full_postcode_at_its_district_centroid_with_its_local_authority():
    district = district_for("ls6 3ab")
    assert district.outward_code == "LS6"
    assert district.local_authority == "Leeds"
    assert 53.7 < district.latitude < 53.9
    assert -1.7 < district.longitude < -1.4


def test_it_knows_districts_in_wales_and_london():
    assert district_for("CF10").local_authority == "Cardiff"
    assert district_for("SW1A 1AA").local_authority == "Westminster"


@pytest.mark.parametrize("text", ["", "hello", "ZZ99 9ZZ", "LS6 3A", "12345"])
def test_it_does_not_place_something_that_is_not_a_known_postcode(text):
    assert district_for(text) is None


def test_it_tidies_a_postcode_as_people_type_it():
    assert normalise_postcode(" ls63ab ") == "LS6 3AB"


def test_it_measures_leeds_to_bradford_as_about_fourteen_km():
    leeds, bradford = district_for("LS1"), district_for("BD1")
    km = haversine_km(leeds.latitude, leeds.longitude, bradford.latitude, bradford.longitude)
    assert 12 < km < 16
