"""Logging changes to personal data wherever they happen (forms, admin, services, commands).

The one place signals are used: the access log is a concern that cuts across every module.
Only models whose records belong to a resident are logged: `access_log.register_subject`
connects these receivers for that model alone. (A receiver for every model would also cost
Django its fast deletes everywhere: sessions, task results, expired rows.)
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

from wijkbasis.core.access_log import Action, _entry, current_actor

#: Sent by core.access.logged_update after a bulk update of a resident's data (no post_save for
#: those rows): `sender` the model, `pks` the ids of the rows. core.fragments listens to it.
rows_updated = Signal()


def connect(model_label: str) -> None:
    """Log every save and delete of this model ("app_label.model")."""
    post_save.connect(log_save, sender=model_label, dispatch_uid=f"wijkbasis_access_log_save_{model_label}")
    post_delete.connect(log_delete, sender=model_label, dispatch_uid=f"wijkbasis_access_log_delete_{model_label}")


def log_save(
    sender: type[models.Model], instance: models.Model, created: bool, raw: bool = False, **kwargs: Any
) -> None:
    if raw:
        return
    _entry(current_actor(), Action.CREATE if created else Action.CHANGE, instance, "").save()


def log_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    _entry(current_actor(), Action.DELETE, instance, "").save()
