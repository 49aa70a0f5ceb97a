import json

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from flourish.core.tasks import email_send


def test_a_queued_email_is_sent_to_the_person(settings):
    result = email_send.enqueue(to=["organiser@example.org"], subject="Your code", body="123456")

    # Sent straight away in tests and on a laptop, and recorded as sent, not failed.
    assert result.status == "SUCCESSFUL"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["organiser@example.org"]
    assert mail.outbox[0].body == "123456"


@pytest.fixture
def database_queue(settings):
    # django-tasks resets its backends whenever TASKS changes.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}
    }


@pytest.mark.django_db(transaction=True)
def test_a_queued_sign_in_code_is_unreadable_in_the_queue_and_gone_once_sent(database_queue):
    email_send.enqueue(to=["asha@example.org"], subject="Your code", body="Your code is KQ7D-2M9X")
    stored = json.dumps(DBTaskResult.objects.get().args_kwargs)
    assert "KQ7D-2M9X" not in stored and "asha@example.org" not in stored

    call_command("db_worker", "--batch", "--queue-name", "email", verbosity=0)

    assert mail.outbox[-1].body == "Your code is KQ7D-2M9X"
    sent = DBTaskResult.objects.get()
    assert sent.status == "SUCCESSFUL"
    assert sent.args_kwargs == {"args": [], "kwargs": {}}


@pytest.mark.django_db(transaction=True)
def test_an_email_queued_before_sealing_began_is_still_sent_and_then_wiped(database_queue):
    from django_tasks.base import Task

    Task.enqueue(email_send, to=["asha@example.org"], subject="Your code", body="Old ABCD-EFGH")

    call_command("db_worker", "--batch", "--queue-name", "email", verbosity=0)

    assert mail.outbox[-1].body == "Old ABCD-EFGH"
    assert DBTaskResult.objects.get().args_kwargs == {"args": [], "kwargs": {}}
