"""Staff write guides in Markdown with a preview, save versions, publish them in English,
Welsh and Urdu; anyone reads the published ones by stage and says whether they helped."""

import pytest
from django.urls import reverse

from flourish.core.models import AuditEvent
from flourish.learning.factories import GuideFactory, published_guide
from flourish.learning.models import Guide, GuideFeedback, GuideVersion, Stage
from flourish.learning.services.guides import guide_publish, guide_version_save

pytestmark = pytest.mark.django_db


def _write(client, slug, language, body, action="save", title="Holding money"):
    return client.post(
        reverse("learning:guide_edit", args=[slug, language]),
        {"title": title, "summary": "Where to keep a grant.", "body": body, "action": action},
    )


def test_a_writer_starts_a_guide_as_a_draft_nobody_can_read_yet(client, writer):
    client.force_login(writer)
    response = client.post(
        reverse("learning:guide_new"),
        {
            "slug": "holding-money",
            "stage": Stage.HOLDING_MONEY,
            "title": "Holding money without a bank account",
            "summary": "Where a grant can wait.",
            "body": "Ask a **holding partner**.",
        },
    )
    assert response.status_code == 302
    version = GuideVersion.objects.get()
    assert (version.number, version.is_current, version.language) == (1, False, "en-gb")
    assert client.get(reverse("learning:guide", args=["holding-money"])).status_code == 404
    assert AuditEvent.objects.filter(action="learning.guide_version_saved").exists()


def test_preview_shows_the_guide_as_readers_will_and_saves_nothing(client, writer):
    GuideFactory(slug="holding-money", created_by=writer)
    client.force_login(writer)
    response = _write(client, "holding-money", "cy", "## Ble i gadw arian", action="preview")
    assert response.status_code == 200
    assert '<h2 class="govuk-heading-m">Ble i gadw arian</h2>' in response.content.decode()
    assert not GuideVersion.objects.exists()


def test_a_writer_publishes_a_welsh_version_that_welsh_readers_see(client, writer):
    published_guide(slug="holding-money", title="Holding money")
    client.force_login(writer)
    _write(client, "holding-money", "cy", "Gofynnwch i bartner.", title="Dal arian")
    welsh = GuideVersion.objects.get(language="cy")
    response = client.post(reverse("learning:guide_publish", args=["holding-money", "cy", 1]))
    assert response.status_code == 302
    welsh.refresh_from_db()
    assert welsh.is_current
    client.logout()
    client.cookies["django_language"] = "cy"
    page = client.get(reverse("learning:guide", args=["holding-money"])).content.decode()
    assert "Dal arian" in page
    assert "Gofynnwch i bartner." in page


def test_a_reader_in_urdu_sees_the_english_guide_until_it_is_translated(client):
    published_guide(slug="holding-money", title="Holding money")
    client.cookies["django_language"] = "ur"
    page = client.get(reverse("learning:guide", args=["holding-money"])).content.decode()
    assert "Holding money" in page
    assert 'dir="rtl"' in page


def test_a_new_version_replaces_the_old_only_when_published(client, writer):
    first = published_guide(slug="budgets", title="Your first budget")
    second = guide_version_save(
        guide=first.guide, actor=writer, language="en-gb", title="A budget", summary="s", body="b"
    )
    page = client.get(reverse("learning:guide", args=["budgets"])).content.decode()
    assert "Your first budget" in page
    guide_publish(version=second, actor=writer)
    page = client.get(reverse("learning:guide", args=["budgets"])).content.decode()
    assert "A budget" in page and "Your first budget" not in page
    assert GuideVersion.objects.filter(guide=first.guide).count() == 2


def test_broken_markdown_is_refused_with_a_message_and_nothing_saved(client, writer):
    GuideFactory(slug="holding-money", created_by=writer)
    client.force_login(writer)
    response = _write(client, "holding-money", "en-gb", "Read [this](https://example.org")
    assert response.status_code == 200
    assert "A link is not finished" in response.content.decode()
    response = _write(client, "holding-money", "en-gb", "Hello <script>alert(1)</script>")
    assert "Take out the HTML tags" in response.content.decode()
    assert not GuideVersion.objects.exists()


def test_the_guides_page_lists_published_guides_by_stage_of_a_groups_life(client):
    published_guide(slug="first-meeting", title="Your first meeting", stage=Stage.STARTING_OUT)
    published_guide(slug="ending", title="Closing a group kindly", stage=Stage.ENDING_WELL)
    GuideFactory(slug="unpublished")
    page = client.get(reverse("learning:index")).content.decode()
    assert page.index("Starting out") < page.index("Your first meeting") < page.index("Ending well")
    assert "unpublished" not in page


def test_a_reader_says_a_guide_was_not_useful_and_the_writers_see_it(client, writer):
    published_guide(slug="budgets", title="Your first budget")
    response = client.post(
        reverse("learning:guide", args=["budgets"]), {"useful": "no", "comment": "Too short"}
    )
    assert response.status_code == 302
    assert GuideFeedback.objects.get().comment == "Too short"
    client.force_login(writer)
    assert client.get(reverse("learning:write")).context["guides"].get().not_useful == 1


def test_saying_nothing_about_usefulness_asks_for_an_answer(client):
    published_guide(slug="budgets", title="Your first budget")
    response = client.post(reverse("learning:guide", args=["budgets"]), {"comment": ""})
    assert response.status_code == 200
    assert not GuideFeedback.objects.exists()


@pytest.mark.parametrize("person", ["owner", "colleague", "stranger"])
def test_only_the_people_who_run_the_site_can_write_guides(client, request, person):
    published_guide(slug="budgets", title="Your first budget")
    client.force_login(request.getfixturevalue(person))
    assert client.get(reverse("learning:write")).status_code == 404
    assert client.get(reverse("learning:guide_new")).status_code == 404
    assert client.get(reverse("learning:guide_edit", args=["budgets", "cy"])).status_code == 404
    response = client.post(reverse("learning:guide_publish", args=["budgets", "en-gb", 1]))
    assert response.status_code == 404
    assert Guide.objects.count() == 1
