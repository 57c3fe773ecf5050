"""Encrypt the two-step verification secrets stored before they were encrypted (accounts/adapter.py):
the TOTP secret of authenticator apps, the seed (or the migrated codes) of recovery codes."""

from typing import Any

from django.db import migrations

from wijkbasis.accounts.adapter import ENCRYPTED_PREFIX, decrypt_secret, encrypt_secret


def _convert(data: dict[str, Any], change: Any) -> bool:
    changed = False
    for key in ("secret", "seed"):
        if isinstance(data.get(key), str):
            new = change(data[key])
            changed |= new != data[key]
            data[key] = new
    if isinstance(data.get("migrated_codes"), list):
        new_codes = [change(code) if isinstance(code, str) else code for code in data["migrated_codes"]]
        changed |= new_codes != data["migrated_codes"]
        data["migrated_codes"] = new_codes
    return changed


def _rewrite(apps: Any, change: Any) -> None:
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.exclude(type="webauthn").iterator():
        if _convert(authenticator.data, change):
            authenticator.save(update_fields=["data"])


def encrypt_plain(apps: Any, schema_editor: Any) -> None:
    _rewrite(apps, lambda value: value if value.startswith(ENCRYPTED_PREFIX) else encrypt_secret(value))


def decrypt_all(apps: Any, schema_editor: Any) -> None:
    _rewrite(apps, decrypt_secret)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_duplicates_merges_and_confirmed_links"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_plain, decrypt_all, elidable=False)]
