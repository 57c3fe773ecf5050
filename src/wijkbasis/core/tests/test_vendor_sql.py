from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from wijkbasis.core.guards import ACCESS_LOG_GUARDS
from wijkbasis.core.vendor_sql import VendorSQL
from wijkbasis.volunteering.search import SEARCH_INDEX

pytestmark = pytest.mark.django_db(transaction=True)


def _triggers() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.parametrize("sql", [ACCESS_LOG_GUARDS, SEARCH_INDEX], ids=lambda sql: sql.name)
def test_migrate_puts_back_what_a_table_rebuild_dropped(sql: VendorSQL) -> None:
    installed = _triggers()
    sql.uninstall(connection)  # as SQLite does when a migration rebuilds the table
    assert installed - _triggers()
    call_command("migrate", verbosity=0)
    assert _triggers() == installed


def test_lifted_puts_the_objects_back_after_an_error() -> None:
    installed = _triggers()
    with pytest.raises(RuntimeError), ACCESS_LOG_GUARDS.lifted(connection):
        assert not {name for name in _triggers() if name.startswith("core_accesslogentry")}
        raise RuntimeError("flush failed")
    assert _triggers() == installed


def test_a_vendor_without_statements_gets_none() -> None:
    assert ACCESS_LOG_GUARDS.create_statements("oracle") == []
    assert SEARCH_INDEX.drop_statements("mysql") == []
