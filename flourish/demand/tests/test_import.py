"""Importing contacts from a typed-up tally sheet: a preview first, every row or none."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from flourish.demand.models import Contact

GOOD = (
    "date,words,channel,demand,kind,cause,sorted at first contact,count\n"
    "2026-03-02,Can I join on Thursday?,P,V,,,Y,\n"
    "02/03/2026,Where is my grant?,phone,failure,chasing,Slow decisions,no,3\n"
    "2026-03-03,I don't understand question 4,Email,Failure demand,Didn't understand,Q4,n,1\n"
)


def upload(client, service, text, name="sheet.csv"):
    file = SimpleUploadedFile(name, text.encode(), content_type="text/csv")
    return client.post(reverse("demand:import", args=[service.slug]), {"file": file})


def test_a_typed_up_tally_sheet_is_shown_first_then_imported_whole(client, service, colleague):
    client.force_login(colleague)
    preview = upload(client, service, GOOD).content.decode()
    assert "Import 5 contacts" in preview
    assert not Contact.objects.exists()
    response = client.post(reverse("demand:import_confirm", args=[service.slug]))
    assert response.status_code == 302
    assert Contact.objects.count() == 5
    assert Contact.objects.filter(failure_kind="chasing", cause="Slow decisions").count() == 3
    assert Contact.objects.filter(resolved_first_time=True).count() == 1


def test_a_file_with_an_error_row_names_the_row_and_imports_nothing(client, service, colleague):
    client.force_login(colleague)
    text = GOOD + "2026-03-04,,P,F,lost,,y,\n31/02/2026,Hello,P,V,,,maybe,0\n"
    page = upload(client, service, text).content.decode()
    assert "2 rows have problems" in page
    assert "Enter what they asked, in their words." in page
    assert "“lost” is not a kind of failure demand we know" in page
    assert "Write the date as 2026-03-27 or 27/03/2026." in page
    assert "Write yes or no" in page and "The count must be a whole number" in page
    assert "Import 5 contacts" not in page
    response = client.post(reverse("demand:import_confirm", args=[service.slug]))
    assert response.status_code == 302
    assert not Contact.objects.exists()


def test_a_file_with_the_wrong_columns_says_which_and_changes_nothing(client, service, colleague):
    client.force_login(colleague)
    page = upload(client, service, "name,phone\nSam,07700900123\n").content.decode()
    assert "These columns are missing: date, words, channel, demand." in page
    assert "These columns are not ones we know: name, phone." in page
    assert not Contact.objects.exists()


def test_a_picture_renamed_to_csv_gets_a_message(client, service, colleague):
    client.force_login(colleague)
    page = upload(client, service, "\x89PNG\x00\x00").content.decode()
    assert "This is not a CSV file" in page


def test_the_download_imports_back_unchanged(client, service, colleague):
    client.force_login(colleague)
    upload(client, service, GOOD)
    client.post(reverse("demand:import_confirm", args=[service.slug]))
    exported = b"".join(
        client.get(reverse("demand:contacts_csv", args=[service.slug])).streaming_content
    )
    Contact.objects.all().delete()
    file = SimpleUploadedFile("back.csv", exported, content_type="text/csv")
    client.post(reverse("demand:import", args=[service.slug]), {"file": file})
    client.post(reverse("demand:import_confirm", args=[service.slug]))
    assert Contact.objects.count() == 5


def test_the_tally_sheet_has_the_columns_the_import_reads(client, service, colleague):
    client.force_login(colleague)
    page = client.get(reverse("demand:tally_sheet", args=[service.slug])).content.decode()
    for column in ("words", "channel", "demand", "kind", "cause", "sorted at first contact"):
        assert f">{column}" in page


def test_someone_outside_the_team_cannot_import(client, service, other_lead):
    client.force_login(other_lead)
    assert upload(client, service, GOOD).status_code == 404
    assert client.post(reverse("demand:import_confirm", args=[service.slug])).status_code == 404


def test_a_contact_dated_in_year_one_is_refused_with_what_to_write(client, service, colleague):
    client.force_login(colleague)
    page = upload(client, service, GOOD + "0001-01-01,Hello,P,V,,,y,\n").content.decode()
    assert "Enter a date in a year from 1900 to 2100" in page
    assert not Contact.objects.exists()


def test_a_count_in_superscript_is_refused_with_what_to_write(client, service, colleague):
    client.force_login(colleague)
    text = GOOD + "2026-03-04,Hello,P,V,,,y,\u00b2\n"
    page = upload(client, service, text).content.decode()
    assert "The count must be a whole number from 1 to" in page
    assert not Contact.objects.exists()
