"""Text messages: a pluggable backend, queued for the task worker like e-mail.

    queue_text(to="06 12345678", body="…")   # after the commit (transaction.on_commit), as mail

The backend is the class named by the SMS_BACKEND setting. It needs two methods:

    class MyProviderBackend:
        def send(self, *, to: str, body: str, sender: str) -> None: ...   # raise SendError to retry
        def describe(self) -> str: ...                                      # for the logs

`to` is in international form (+31612345678). Without a provider, `LoggingBackend` writes each
message to the log with the number shortened: nothing leaves the server (the README says so).
The task holds only the id of the `OutgoingText`, which is deleted once sent.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Protocol

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from wijkbasis.buurtservice.models import OutgoingText

logger = logging.getLogger(__name__)


class SendError(Exception):
    """The provider could not take the message now; it is tried again later."""


class Backend(Protocol):
    def send(self, *, to: str, body: str, sender: str) -> None: ...

    def describe(self) -> str: ...


def shortened(number: str) -> str:
    """+31612345678 → +3161…78: enough to recognise in a log, not to call."""
    return f"{number[:5]}…{number[-2:]}" if len(number) > 7 else "…"


class LoggingBackend:
    """No provider configured: the message goes to the log, nowhere else."""

    def send(self, *, to: str, body: str, sender: str) -> None:
        logger.info(
            "Text message (not sent: no SMS provider configured) from %s to %s: %s", sender, shortened(to), body
        )

    def describe(self) -> str:
        return "logging only"


class MemoryBackend:
    """For tests: messages are kept in `MemoryBackend.outbox`."""

    outbox: list[tuple[str, str]] = []

    def send(self, *, to: str, body: str, sender: str) -> None:
        MemoryBackend.outbox.append((to, body))

    def describe(self) -> str:
        return "memory"


def backend() -> Backend:
    chosen: type[Backend] = import_string(settings.SMS_BACKEND)
    return chosen()


def international(phone: str) -> str | None:
    """A Dutch mobile number in international form, or None when it is not one (a landline
    cannot receive text messages)."""
    digits = re.sub(r"[^\d+]", "", phone or "")
    if digits.startswith("+31"):
        digits = "0" + digits[3:]
    elif digits.startswith("0031"):
        digits = "0" + digits[4:]
    if re.fullmatch(r"06\d{8}", digits):
        return "+31" + digits[1:]
    return None


def queue_text(*, to: str, body: str) -> OutgoingText | None:
    """Queue a text message to a mobile number (None when the number cannot take one)."""
    number = international(to)
    if number is None:
        return None
    message = OutgoingText.objects.create(to=number, body=body[:640])
    send_text_message.enqueue(text_id=message.pk)
    return message


@task(queue_name="default")
def send_text_message(*, text_id: int) -> str:
    message = OutgoingText.objects.filter(pk=text_id).first()
    if message is None:
        return "gone"
    try:
        backend().send(to=message.to, body=message.body, sender=settings.SMS_SENDER)
    except SendError as error:
        message.attempts += 1
        message.save(update_fields=["attempts"])
        if message.attempts >= settings.SMS_MAX_ATTEMPTS:
            logger.error("Giving up on text message #%s after %s attempts: %s", message.pk, message.attempts, error)
            message.delete()
            return "given up"
        delay = dt.timedelta(minutes=message.attempts * message.attempts)
        send_text_message.using(run_after=timezone.now() + delay).enqueue(text_id=message.pk)
        return "retry"
    message.delete()
    return "sent"
