"""Background work for the directory: emails go through the task queue."""

from django.core.mail import send_mail
from django_tasks import task


@task(queue_name="email")
def send_directory_email(*, to: str, subject: str, body: str) -> None:
    send_mail(subject, body, None, [to])
