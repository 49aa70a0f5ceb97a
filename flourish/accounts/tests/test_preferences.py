from django.urls import reverse

from flourish.accounts.models import ContactRoute, User
from flourish.accounts.tests.conftest import page_text
from flourish.core.models import AuditEvent

URL = reverse("accounts:preferences")


def good_answers(**changes: str) -> dict[str, str]:
    return {
        "preferred_language": "en-gb",
        "contact_route": ContactRoute.EMAIL,
        "phone": "",
        "access_needs": "",
        **changes,
    }


def test_a_person_saves_how_to_reach_them_and_what_they_need(client, owner):
    client.force_login(owner)

    response = client.post(
        URL,
        good_answers(
            contact_route=ContactRoute.TEXT,
            phone="+44 (0)7700 900-982",
            access_needs="Large print, please",
        ),
    )

    assert response.status_code == 302
    owner = User.objects.get(pk=owner.pk)
    assert owner.contact_route == ContactRoute.TEXT
    assert owner.phone == "07700 900982"
    assert owner.access_needs == "Large print, please"
    profile = page_text(client.get(response["Location"]))
    assert "Your preferences are saved." in profile
    assert "Text message" in profile
    assert "07700 900982" in profile
    assert "Large print, please" in profile
    assert "Hearing Voices Leeds Group lead" in profile


def test_the_audit_trail_says_what_changed_but_never_the_phone_number_or_needs(client, owner):
    owner.preferred_language = "en-gb"
    owner.save()
    client.force_login(owner)

    client.post(
        URL,
        good_answers(contact_route=ContactRoute.PHONE, phone="01632 960001", access_needs="BSL"),
    )

    event = AuditEvent.objects.get(action="accounts.preferences_updated")
    assert event.actor == owner
    assert event.data == {"changed": ["access_needs", "contact_route", "phone"]}
    assert "01632" not in str(event.data) and "BSL" not in str(event.data)


def test_phone_numbers_and_access_needs_are_not_stored_as_plain_text(client, owner):
    from django.db import connection

    client.force_login(owner)
    client.post(URL, good_answers(phone="07700 900982", access_needs="Calls after noon"))

    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, access_needs FROM accounts_user WHERE id = %s", [owner.pk])
        phone, needs = cursor.fetchone()
    assert "900982" not in phone
    assert "noon" not in needs


def test_choosing_a_phone_call_without_a_number_asks_for_one_and_saves_nothing(client, owner):
    client.force_login(owner)

    response = client.post(URL, good_answers(contact_route=ContactRoute.PHONE, access_needs="x"))

    assert response.status_code == 200
    text = page_text(response)
    assert "There is a problem" in text
    assert "Enter a phone number so we can call or text you, or choose email instead" in text
    assert response.content.decode().count("govuk-form-group--error") == 1
    owner.refresh_from_db()
    assert owner.contact_route == ContactRoute.EMAIL
    assert owner.access_needs == ""
    assert not AuditEvent.objects.filter(action="accounts.preferences_updated").exists()


def test_a_number_that_is_not_a_uk_phone_number_is_explained_and_nothing_is_saved(client, owner):
    client.force_login(owner)

    for garbage in ["call me maybe", "+1 212 555 0100", "0770090", "0" * 40]:
        response = client.post(URL, good_answers(contact_route=ContactRoute.PHONE, phone=garbage))

        assert response.status_code == 200
        assert "Enter a UK phone number, like 01632 960 001 or 07700 900 982" in page_text(response)
    owner.refresh_from_db()
    assert owner.phone == ""


def test_text_messages_need_a_mobile_number(client, owner):
    client.force_login(owner)

    response = client.post(URL, good_answers(contact_route=ContactRoute.TEXT, phone="01632 960001"))

    assert "Text messages need a mobile number" in page_text(response)


def test_choosing_welsh_switches_the_pages_to_welsh_straight_away(client, owner):
    client.cookies["django_language"] = "en-gb"
    client.force_login(owner)

    response = client.post(URL, good_answers(preferred_language="cy"))

    owner.refresh_from_db()
    assert owner.preferred_language == "cy"
    assert client.cookies["django_language"].value == "cy"
    assert (
        client.get(response["Location"])
        .content.decode()
        .startswith('<!DOCTYPE html>\n<html lang="cy"')
    )


def test_the_preferences_page_offers_each_language_in_its_own_words(client, owner):
    client.force_login(owner)

    text = page_text(client.get(URL))

    assert "English" in text and "Cymraeg" in text and "اردو" in text


def test_someone_signed_out_is_asked_to_sign_in(client, db):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_profile_page_uses_a_fixed_number_of_queries(
    client, owner, django_assert_max_num_queries
):
    client.force_login(owner)

    with django_assert_max_num_queries(7):
        client.get(reverse("accounts:profile"))
