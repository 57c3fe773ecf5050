"""`in` on an integer column with a value outside the column's range.

Django answers an exact, gt, gte, lt or lte lookup with a value an integer column cannot hold as
"no row matches" (`IntegerFieldOverflow`), but not `in`: SQLite's driver then raises
OverflowError for a Python int beyond 64 bits. That made every multiple-choice field of
model objects a 500 on SQLite for `skills=99999999999999999999999999999` (Django's
ModelMultipleChoiceField checks the chosen ids with `pk__in`), and so every list filter taking
ids. `IntegerFieldIn` leaves out the values no row can have, so the form says "not one of the
choices", as for any unknown id, on both databases. Registered for every integer field
(AutoField and BigAutoField included) when core is ready.
"""

from __future__ import annotations

from typing import Any

from django.db.models import IntegerField
from django.db.models.lookups import In


@IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler: Any, connection: Any) -> Any:
        if self.rhs_is_direct_value():
            try:
                low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            except KeyError:  # not a type the backend knows a range of
                low = high = None
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int) or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)
