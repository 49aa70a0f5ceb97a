"""A search is read through its form once in each process and kept: the next person who
asks alike gets the same search and the same form as typed, in their own language, and
a search the form finds wrong is never kept."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from flourish.directory import forms, searches_read
from flourish.directory.factories import offer_meeting_at

pytestmark = pytest.mark.django_db

SEARCH = reverse("directory:search")


@pytest.fixture
def forms_built(monkeypatch):
    """How many times a search form is built."""
    built = []
    build = forms.SearchForm.__init__

    def counted(self, *args, **kwargs):
        built.append(1)
        build(self, *args, **kwargs)

    monkeypatch.setattr(forms.SearchForm, "__init__", counted)
    monkeypatch.setattr(searches_read, "_kept", {})
    return built


@pytest.fixture
def offer():
    return offer_meeting_at(postcode="LS6 1AA", name="Tuesday evening peer group")


@override_settings(PUBLIC_PAGE_CACHE=False)
def test_the_same_search_is_read_once_and_shows_the_same(client, offer, forms_built):
    asked = {"q": "peer", "postcode": "LS6 3AB", "distance": "10", "day": "1"}
    first = client.get(SEARCH, asked).content.decode()
    again = client.get(SEARCH, asked).content.decode()

    assert len(forms_built) == 1
    for page in (first, again):
        assert "Tuesday evening peer group" in page
        assert 'value="LS6 3AB"' in page
        # A way to narrow it under "More" is used, so they open.
        assert '<details class="govuk-details" id="more-ways" open>' in page


@override_settings(PUBLIC_PAGE_CACHE=False)
def test_a_search_in_another_language_is_read_in_that_language(client, offer, forms_built):
    asked = {"q": "peer"}
    client.get(SEARCH, asked)
    with translation.override("cy"):
        welsh = client.get(SEARCH, asked, headers={"accept-language": "cy"})

    assert len(forms_built) == 2
    assert 'lang="cy"' in welsh.content.decode()
    with translation.override("cy"):
        postcode_label = str(forms.SearchForm.base_fields["postcode"].label)
    assert postcode_label != "Postcode" and postcode_label in welsh.content.decode()


@override_settings(PUBLIC_PAGE_CACHE=False)
def test_a_wrong_search_is_shown_with_its_error_every_time(client, offer, forms_built):
    asked = {"q": "peer", "postcode": "ZZ99 9ZZ"}
    for _ in range(2):
        page = client.get(SEARCH, asked).content.decode()
        assert "We could not find that postcode" in page
        assert "There is a problem" in page
        assert "Tuesday evening peer group" not in page

    assert searches_read._kept == {}
    assert len(forms_built) == 2  # one form for each request, its errors shown from it


@override_settings(PUBLIC_PAGE_CACHE=False)
def test_searches_kept_start_again_when_there_are_too_many(client, offer, forms_built, monkeypatch):
    monkeypatch.setattr(searches_read, "KEPT_UP_TO", 2)
    for words in ("peer", "evening", "tuesday"):
        client.get(SEARCH, {"q": words})

    assert len(searches_read._kept) == 1
    assert "Tuesday evening peer group" in client.get(SEARCH, {"q": "peer"}).content.decode()
