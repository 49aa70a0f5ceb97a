from django.core import mail

from flourish.core.tasks import email_send


def test_a_queued_email_is_sent_to_the_person(settings):
    email_send.enqueue(to=["organiser@example.org"], subject="Your code", body="123456")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["organiser@example.org"]
    assert mail.outbox[0].body == "123456"
