"""A board's ideas and an idea's comments read who wrote them by name only: phone numbers
and access needs, kept encrypted, are neither read nor decrypted for every row."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from flourish.demand.factories import ProposalFactory
from flourish.demand.services.boards import comment_make


def _reads_of_people(client, address):
    with CaptureQueriesContext(connection) as captured:
        page = client.get(address)
    assert page.status_code == 200
    # The signed-in person is read whole by the sign-in, before the page: not a list.
    return [query["sql"] for query in captured.captured_queries if "accounts_user" in query["sql"]]


def test_an_ideas_comments_show_their_authors_names_without_reading_their_private_details(
    client, board, colleague, owner
):
    proposal = ProposalFactory(board=board, author=owner)
    comment_make(actor=colleague, proposal=proposal, body="Saturdays suit carers")
    client.force_login(owner)

    address = reverse("demand:proposal", args=[board.slug, proposal.pk])
    reads = _reads_of_people(client, address)

    lists = [sql for sql in reads if "demand_comment" in sql]
    assert lists and all('"accounts_user"."name"' in sql for sql in lists)
    assert not any('"accounts_user"."phone"' in sql for sql in lists)
    assert not any('"accounts_user"."access_needs"' in sql for sql in lists)
    assert colleague.name in client.get(address).content.decode()


def test_a_boards_ideas_are_listed_without_reading_who_proposed_them(client, board, colleague):
    for number in range(3):
        ProposalFactory(board=board, title=f"Idea {number}")
    client.force_login(colleague)

    reads = _reads_of_people(client, reverse("demand:board", args=[board.slug]))

    assert not [sql for sql in reads if "demand_proposal" in sql]
