"""Exactly-once handling of form submissions.

Forms that create something carry a hidden one-time key (`FormKeyField`). The service call is
wrapped in `once(key, create)`: the first submission creates, any repeat returns what the
first created. The key row and the created record are written in one transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.apps import apps
from django.db import IntegrityError, models, transaction

from wijkbasis.core.models import SubmittedForm

M = TypeVar("M", bound=models.Model)


class FormKeyField(forms.UUIDField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("initial", uuid.uuid4)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


def once(key: uuid.UUID | None, create: Callable[[], M]) -> tuple[M, bool]:
    """Run `create` once per key. Returns (object, created)."""
    if key is None:
        return create(), True
    try:
        with transaction.atomic():
            marker = SubmittedForm.objects.create(key=key)
            obj = create()
            marker.result_type = obj._meta.label_lower
            marker.result_id = str(obj.pk)
            marker.save(update_fields=["result_type", "result_id"])
            return obj, True
    except IntegrityError:
        existing = SubmittedForm.objects.filter(key=key).first()
        if existing is None or not existing.result_type:
            raise
    model = apps.get_model(existing.result_type)
    return model._default_manager.get(pk=existing.result_id), False
