"""Background tasks owned by core, written to the Django 6 tasks API.

Today they come from the django-tasks backport; on Django 6 only the import
changes (`from django.tasks import task`).

Emails carry sign-in codes and people's names, and the database task queue
keeps each task's arguments in a table. So an email's arguments are sealed
(encrypted with the field keys) when it is queued, and wiped from the queue's
table once it has been sent: a database backup never holds a readable email.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.mail import EmailMultiAlternatives
from django.utils.version import PY311
from django_tasks import TaskContext, TaskResult
from django_tasks.base import Task

from flourish.core.fields import decrypt_text, encrypt_text

SEALED = "sealed"


@dataclass(frozen=True, slots=PY311, kw_only=True)  # type: ignore[literal-required]
class SealedTask(Task[Any, Any]):
    """A task whose keyword arguments are stored encrypted, and wiped once it has run.

    Callers enqueue it as any task (`email_send.enqueue(to=..., body=...)`); only
    the queue's table sees the difference."""

    def enqueue(self, *args: Any, **kwargs: Any) -> TaskResult[Any]:
        sealed = encrypt_text(json.dumps(kwargs))
        return Task.enqueue(self, *args, **{SEALED: sealed})

    def call(self, context: TaskContext, *args: Any, **kwargs: Any) -> Any:
        # Emails queued before sealing began arrive with plain arguments: send them too.
        opened = json.loads(decrypt_text(kwargs[SEALED])) if SEALED in kwargs else kwargs
        try:
            return self.func(context, *args, **opened)
        finally:
            _wipe_arguments(context.task_result)


def _wipe_arguments(result: TaskResult[Any]) -> None:
    """Forget a finished task's arguments in the database queue.

    Only the database queue keeps them in a table, and only its results have
    ids that are rows there: the immediate backend (tests, a laptop) and RQ
    (arguments in Redis, gone when the job expires) have nothing to wipe."""
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if isinstance(task_backends[result.backend], DatabaseBackend):
        DBTaskResult.objects.filter(id=result.id).update(args_kwargs={"args": [], "kwargs": {}})


def sealed_task(*, queue_name: str) -> Callable[[Callable[..., Any]], SealedTask]:
    """Like django-tasks' `@task(takes_context=True)`, with the arguments sealed in the queue."""

    def wrap(func: Callable[..., Any]) -> SealedTask:
        return SealedTask(func=func, queue_name=queue_name, takes_context=True)

    return wrap


@sealed_task(queue_name="email")
def email_send(
    context: TaskContext,
    *,
    to: list[str],
    subject: str,
    body: str,
    html_body: str = "",
    from_email: str | None = None,
) -> None:
    """Send one email. Queued so that a slow or failing mail server never holds up a page."""
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=from_email, to=to)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()
