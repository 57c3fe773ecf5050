"""Indexes in the order a query sorts by, NULLs included, on both databases.

A query sorting `F("published_at").desc(nulls_last=True)` can only walk an index that is in
exactly that order. PostgreSQL's index must say `DESC NULLS LAST` (its DESC puts NULLs first);
SQLite cannot say NULLS FIRST or LAST in CREATE INDEX, and needs not: there NULL is the smallest
value, so DESC puts it last and ASC first anyway, and its planner walks a plain index for
`DESC NULLS LAST`. `SortIndex` leaves the words out on SQLite:

    SortIndex(F("published_at").desc(nulls_last=True), F("id").desc(), name=...)
"""

from __future__ import annotations

from typing import Any

from django.db import NotSupportedError, models
from django.db.models import OrderBy


class SortIndex(models.Index):
    """An index of expressions in a sort order (see the module)."""

    def create_sql(self, model: Any, schema_editor: Any, using: str = "", **kwargs: Any) -> Any:
        if schema_editor.connection.vendor != "sqlite":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        expressions = []
        for expression in self.expressions:
            if isinstance(expression, OrderBy) and (expression.nulls_first or expression.nulls_last):
                natural = expression.nulls_last if expression.descending else expression.nulls_first
                if not natural:
                    raise NotSupportedError(f"{self.name}: SQLite can only index NULLs where it sorts them.")
                expression = OrderBy(expression.expression, descending=expression.descending)
            expressions.append(expression)
        plain = models.Index(*expressions, name=self.name, condition=self.condition, db_tablespace=self.db_tablespace)
        return plain.create_sql(model, schema_editor, using=using, **kwargs)
