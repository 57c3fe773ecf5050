"""One way to send mail: templated, in the recipient's language, from the welfare organisation,
queued for the task worker, limited where a stranger could cause it.

    send_templated_mail(
        "volunteering/email/new_response",        # …_subject.txt, …_message.txt, optional …_message.html
        to=[user_or_address, ...],
        context={"vacancy": vacancy},
        municipality=vacancy.organisation.municipality,   # whose name signs the mail
        unsubscribe_url=stop_url,                 # List-Unsubscribe (RFC 8058 one-click)
        limit="save_search",                      # at most MAIL_PER_ADDRESS_LIMIT of these per address
    )

Each recipient gets the mail rendered in their own language (a User's `language`, else the
`language` given, else the site's). Every template gets `site_name` (the welfare organisation,
else SITE_NAME), `base_url` and the recipient's `email`. Links in mails are absolute
(core.links.absolute_url); a test renders every mail in Dutch and English and checks that no
placeholder is empty and no link is relative.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import smtplib
from collections.abc import Iterable
from email.utils import formataddr, parseaddr
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from wijkbasis.core.models import OutgoingMail

logger = logging.getLogger(__name__)


def sender_name(municipality: Any = None) -> str:
    """Who a mail is from: the welfare organisation of the municipality, else the platform."""
    if municipality is None:
        from wijkbasis.areas.models import Municipality

        if settings.DEFAULT_MUNICIPALITY:
            municipality = Municipality.objects.filter(code=settings.DEFAULT_MUNICIPALITY).first()
        else:
            first_two = list(Municipality.objects.all()[:2])
            municipality = first_two[0] if len(first_two) == 1 else None
    name = getattr(municipality, "organisation_name", "") or ""
    return name or settings.SITE_NAME


def from_address(municipality: Any = None) -> str:
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return formataddr((sender_name(municipality), address or settings.DEFAULT_FROM_EMAIL))


def _recipient(item: Any, language: str | None) -> tuple[str, str, Any]:
    """(address, language, user or None) of a recipient given as a User or an address."""
    if isinstance(item, str):
        return item, language or settings.LANGUAGE_CODE, None
    return item.email, getattr(item, "language", "") or language or settings.LANGUAGE_CODE, item


def _over_limit(limit: str, address: str) -> bool:
    """At most MAIL_PER_ADDRESS_LIMIT mails of this kind per address per hour, whoever asks. The
    counter is kept under a hash of the address: the cache table holds no addresses."""
    digest = hashlib.sha256(address.lower().encode()).hexdigest()
    key = f"wijkbasis:mail-limit:{limit}:{digest}"
    cache.add(key, 0, timeout=3600)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return bool(count > settings.MAIL_PER_ADDRESS_LIMIT)


def render_mail(template: str, context: dict[str, Any], *, language: str) -> tuple[str, str, str]:
    """(subject, text, html) of a mail template in one language."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_message.txt", context).strip() + "\n"
        html: str
        try:
            html = render_to_string(f"{template}_message.html", context)
        except TemplateDoesNotExist:
            html = ""
    return subject, body, html


def send_templated_mail(
    template: str,
    *,
    to: Iterable[Any],
    context: dict[str, Any] | None = None,
    language: str | None = None,
    municipality: Any = None,
    unsubscribe_url: str = "",
    limit: str = "",
) -> int:
    """Render and queue one mail per recipient; returns how many were queued."""
    site_name = sender_name(municipality)
    sender = from_address(municipality)
    queued = 0
    for item in dict.fromkeys(to):
        address, recipient_language, user = _recipient(item, language)
        if not address:
            continue
        if limit and _over_limit(limit, address):
            logger.warning(
                "Not sending %s to an address that had %s already", template, settings.MAIL_PER_ADDRESS_LIMIT
            )
            continue
        values = {
            "site_name": site_name,
            "base_url": settings.BASE_URL,
            "email": address,
            "user": user,
            **(context or {}),
        }
        subject, body, html = render_mail(template, values, language=recipient_language)
        headers = {}
        if unsubscribe_url:
            headers = {
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            }
        queue_mail(subject=subject, body=body, html=html, to=[address], from_email=sender, headers=headers)
        queued += 1
    return queued


def queue_mail(
    *,
    subject: str,
    body: str,
    to: list[str],
    from_email: str = "",
    html: str = "",
    headers: dict[str, str] | None = None,
) -> OutgoingMail:
    """Hand a rendered mail to the task worker: the mail waits in OutgoingMail, the task holds its id."""
    mail = OutgoingMail.objects.create(
        to=to,
        from_email=from_email or from_address(),
        subject=subject[:300],
        body=body,
        html=html,
        headers=headers or {},
    )
    send_outgoing_mail.enqueue(mail_id=mail.pk)
    return mail


@task(queue_name="default")
def send_outgoing_mail(*, mail_id: int) -> str:
    mail = OutgoingMail.objects.filter(pk=mail_id).first()
    if mail is None:
        return "gone"
    message = EmailMultiAlternatives(mail.subject, mail.body, mail.from_email, mail.to, headers=mail.headers)
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        mail.attempts += 1
        mail.save(update_fields=["attempts"])
        if mail.attempts >= settings.EMAIL_MAX_ATTEMPTS:
            logger.error("Giving up on e-mail #%s after %s attempts: %s", mail.pk, mail.attempts, error)
            raise
        # Back off: 1, 4, 9, 16… minutes.
        delay = dt.timedelta(minutes=mail.attempts * mail.attempts)
        logger.warning("E-mail #%s failed (attempt %s), retrying in %s: %s", mail.pk, mail.attempts, delay, error)
        send_outgoing_mail.using(run_after=timezone.now() + delay).enqueue(mail_id=mail.pk)
        return "retry"
    mail.delete()
    return "sent"
