"""Logging changes to personal data wherever they happen (forms, admin, services, commands).

The one place signals are used: the access log is a concern that cuts across every module.
Only models whose records belong to a resident (access_log.register_subject) are logged.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wijkbasis.core.access_log import _SUBJECTS, Action, _entry, current_actor
from wijkbasis.core.models import AccessLogEntry


def _logged(instance: models.Model) -> bool:
    return instance._meta.label_lower in _SUBJECTS


@receiver(post_save, dispatch_uid="wijkbasis_access_log_save")
def log_save(
    sender: type[models.Model], instance: models.Model, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if raw or not _logged(instance):
        return
    action = Action.CREATE if created else Action.CHANGE
    AccessLogEntry.objects.bulk_create([_entry(current_actor(), action, instance, "")])


@receiver(post_delete, dispatch_uid="wijkbasis_access_log_delete")
def log_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if not _logged(instance):
        return
    AccessLogEntry.objects.bulk_create([_entry(current_actor(), Action.DELETE, instance, "")])
