from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class AppendOnlyError(Exception):
    """The access log cannot be changed or deleted through the application."""


class AccessLogQuerySet(models.QuerySet["AccessLogEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The access log is append-only.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("The access log is append-only.")

    def _purge_expired(self, before: Any) -> int:
        """Delete entries older than the retention period (the database allows only those)."""
        return models.QuerySet.delete(self.filter(occurred_at__lt=before))[0]


class AccessLogEntry(models.Model):
    """Who did what with a record holding personal data, when, why and from where.

    Holds no personal content: only ids, types and the kind of action. Append-only: the
    model, its queryset and database triggers (see migrations) refuse updates and deletes;
    only entries past their retention period can be removed, by `purge-expired`.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        LIST = "list", _("saw in a list")
        EXPORT = "export", _("exported")
        CREATE = "create", _("created")
        CHANGE = "change", _("changed")
        DELETE = "delete", _("deleted")
        ERASE = "erase", _("erased")
        LINK = "link", _("linked to an account")
        SHARE = "share", _("shared")

    occurred_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True, editable=False)
    actor_id = models.PositiveBigIntegerField(_("by (user id)"), null=True, blank=True, db_index=True, editable=False)
    actor_role = models.CharField(_("in the role"), max_length=40, blank=True, editable=False)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices, editable=False)
    object_type = models.CharField(_("kind of record"), max_length=80, editable=False)
    object_id = models.CharField(_("record id"), max_length=64, blank=True, editable=False)
    subject_resident_id = models.PositiveBigIntegerField(
        _("whose data (resident id)"), null=True, blank=True, db_index=True, editable=False
    )
    #: The processing activity (core/processing.py): VNG verwerkingenlogging's "verwerking".
    purpose = models.CharField(_("processing activity"), max_length=200, blank=True, editable=False)
    #: The activity's confidentiality when this was logged: VNG's "vertrouwelijkheid".
    confidentiality = models.CharField(_("confidentiality"), max_length=20, blank=True, editable=False)
    origin = models.CharField(_("origin"), max_length=200, blank=True, editable=False)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-occurred_at", "-id"]
        default_permissions = ("view",)

    def __str__(self) -> str:
        # In words and local time (the field is UTC): core knows no app's describe.py.
        when = date_format(timezone.localtime(self.occurred_at), "j F Y H:i")
        return f"{when} {self.action} {self.object_type}#{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("An access log entry cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("An access log entry cannot be deleted.")


class SubmittedForm(models.Model):
    """A form submission that has been handled, by its one-time key: a second submit of the
    same form (double click, reload, flaky connection) finds the first result instead of
    creating a duplicate."""

    key = models.UUIDField(_("form key"), unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    result_type = models.CharField(_("kind of record"), max_length=80, blank=True)
    result_id = models.CharField(_("record id"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("submitted form")
        verbose_name_plural = _("submitted forms")

    def __str__(self) -> str:
        return str(self.key)


class OutgoingMail(models.Model):
    """An e-mail waiting for the task worker. The task itself carries only this row's id, and
    the row is deleted once the mail is sent: no login code or other content stays behind in
    the task records (core/mail.py)."""

    to = models.JSONField(_("to"), default=list)
    from_email = models.CharField(_("from"), max_length=300)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    html = models.TextField(_("HTML"), blank=True)
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        default_permissions = ()

    def __str__(self) -> str:
        return f"#{self.pk}"
