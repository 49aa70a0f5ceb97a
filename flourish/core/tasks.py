"""Background tasks owned by core, written to the Django 6 tasks API.

Today they come from the django-tasks backport; on Django 6 only the import
changes (`from django.tasks import task`).
"""

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task(queue_name="email")
def email_send(
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
