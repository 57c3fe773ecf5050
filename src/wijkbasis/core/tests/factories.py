"""The base every app's factory_boy factories derive from."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

import factory

T = TypeVar("T")


class ModelFactory(factory.django.DjangoModelFactory[T]):
    """`DjangoModelFactory` whose call, `SomeFactory(...)`, is typed as the model it creates.

    factory_boy's metaclass turns the call into `.create()`; mypy does not follow a metaclass's
    `__call__`, so without this every `UserFactory()` would be typed as a `UserFactory`.
    """

    class Meta:
        abstract = True

    if TYPE_CHECKING:
        # A `__new__` returning another type is what the metaclass really does; mypy calls it an error.
        def __new__(cls, **kwargs: Any) -> T: ...  # type: ignore[misc]
