"""Public pages come from the cache for visitors who are not signed in, and never stale."""

import pytest
from django.test import Client
from django.urls import reverse

from flourish.core.public_cache import CSRF_PLACEHOLDER
from flourish.grants.factories import ProgrammeFactory
from flourish.grants.models import Programme

pytestmark = pytest.mark.django_db

CACHED = "X-Flourish-Cache"


@pytest.fixture
def programme():
    return ProgrammeFactory(title="Keep Connected Fund", slug="keep-connected")


def programme_page(programme):
    return reverse("grants:programme_detail", args=[programme.slug])


def test_a_second_visitor_gets_the_page_from_the_cache_without_touching_the_database(
    client, programme, django_assert_num_queries
):
    first = client.get(programme_page(programme))
    assert CACHED not in first

    with django_assert_num_queries(0):
        second = Client().get(programme_page(programme))

    assert second[CACHED] == "hit"
    assert "Keep Connected Fund" in second.content.decode()


def test_a_change_to_the_programme_is_seen_by_the_very_next_visitor(client, programme):
    client.get(programme_page(programme))

    programme.title = "Keep Connected Fund 2027"
    programme.save()
    page = Client().get(programme_page(programme))

    assert CACHED not in page
    assert "Keep Connected Fund 2027" in page.content.decode()


def test_a_change_made_by_deleting_is_seen_too(client, programme):
    other = ProgrammeFactory(title="Small Sparks", slug="small-sparks")
    client.get(reverse("grants:programme_list"))

    Programme.objects.filter(pk=other.pk).delete()
    page = Client().get(reverse("grants:programme_list"))

    assert "Small Sparks" not in page.content.decode()


def test_a_signed_in_person_never_gets_or_leaves_a_cached_page(client, programme, owner):
    client.force_login(owner)
    mine = client.get(programme_page(programme))
    again = client.get(programme_page(programme))
    anonymous = Client().get(programme_page(programme))

    assert CACHED not in mine
    assert CACHED not in again
    assert CACHED not in anonymous


def test_each_visitor_gets_their_own_working_csrf_token(programme):
    Client().get(programme_page(programme))
    visitor = Client(enforce_csrf_checks=True)

    page = visitor.get(programme_page(programme))
    token = page.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    switched = visitor.post(
        reverse("set_language"), {"language": "cy", "next": "/", "csrfmiddlewaretoken": token}
    )

    assert page[CACHED] == "hit"
    assert CSRF_PLACEHOLDER.decode() not in page.content.decode()
    assert switched.status_code == 302


def test_a_welsh_visitor_never_gets_the_english_page(programme):
    Client().get(programme_page(programme))
    welsh = Client()
    welsh.cookies["django_language"] = "cy"

    page = welsh.get(programme_page(programme))

    assert CACHED not in page
    assert 'lang="cy"' in page.content.decode()


def test_a_visitor_with_a_message_waiting_gets_a_fresh_page(programme):
    Client().get(programme_page(programme))
    visitor = Client()
    visitor.cookies["messages"] = "waiting"

    page = visitor.get(programme_page(programme))

    assert CACHED not in page


def test_with_the_cache_turned_off_every_visitor_gets_a_page_built_for_them(
    client, programme, settings
):
    settings.PUBLIC_PAGE_CACHE = False
    client.get(programme_page(programme))

    page = Client().get(programme_page(programme))

    assert CACHED not in page


def test_a_search_reads_the_directorys_generation_from_the_cache_once(client, monkeypatch):
    from flourish.core import public_cache

    public_cache.area_generation("directory")  # the directory has one, as it always will
    asked = []
    read = public_cache.cache.get

    def counting_get(key, *args, **kwargs):
        asked.append(key)
        return read(key, *args, **kwargs)

    monkeypatch.setattr(public_cache.cache, "get", counting_get)
    # Words and a type: the page, its total and the list of types each need the generation.
    response = client.get(reverse("directory:search"), {"q": "peer", "page": "2"})

    assert response.status_code == 200
    assert asked.count("public-pages:directory:generation") == 1


def test_outside_a_request_each_read_sees_the_latest_generation(db):
    from django.core.cache import cache

    from flourish.core.public_cache import area_generation

    before = area_generation("directory")
    cache.set("public-pages:directory:generation", before + 1, None)  # another process

    assert area_generation("directory") == before + 1


def test_a_change_made_during_a_request_is_what_the_rest_of_it_reads(client, owner):
    from flourish.core.public_cache import area_changed, area_generation

    seen = {}

    def view_that_changes_the_directory(**_kwargs):
        seen["before"] = area_generation("directory")
        area_changed("directory")
        seen["after"] = area_generation("directory")

    from django.core.signals import request_started

    request_started.connect(view_that_changes_the_directory, dispatch_uid="test-change")
    try:
        client.get(reverse("core:home"))
    finally:
        request_started.disconnect(dispatch_uid="test-change")

    assert seen["after"] > seen["before"]
