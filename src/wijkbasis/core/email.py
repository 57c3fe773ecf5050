"""E-mail leaves through a background task, with retries: never inside a request."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


def queue_email(message: EmailMessage) -> None:
    """Hand a rendered message to the task queue; the worker sends it."""
    html = None
    if isinstance(message, EmailMultiAlternatives):
        html = next((content for content, mimetype in message.alternatives if mimetype == "text/html"), None)
    send_email.enqueue(
        subject=message.subject,
        body=message.body,
        to=list(message.to),
        from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
        html=html,
        headers=dict(message.extra_headers),
        attempt=1,
    )


@task(queue_name="default")
def send_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    from_email: str,
    html: str | None = None,
    headers: dict[str, Any] | None = None,
    attempt: int = 1,
) -> None:
    message = EmailMultiAlternatives(subject, body, from_email, to, headers=headers or {})
    if html:
        message.attach_alternative(html, "text/html")
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        if attempt >= settings.EMAIL_MAX_ATTEMPTS:
            logger.error("Giving up on e-mail %r after %s attempts: %s", subject, attempt, error)
            raise
        # Back off: 1, 4, 9, 16… minutes.
        delay = dt.timedelta(minutes=attempt * attempt)
        logger.warning("E-mail %r failed (attempt %s), retrying in %s: %s", subject, attempt, delay, error)
        send_email.using(run_after=timezone.now() + delay).enqueue(
            subject=subject, body=body, to=to, from_email=from_email, html=html, headers=headers, attempt=attempt + 1
        )
