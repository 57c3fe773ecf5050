"""The allauth texts our catalogue translates are allauth's own msgids, exactly: a typo, or an
allauth upgrade that rewords one, would silently bring back allauth's Dutch ("u", "a.u.b.")."""

from __future__ import annotations

import ast
from pathlib import Path

import allauth
import django
import django_tasks_db
import polib

from wijkbasis.accounts import allauth_texts


def _listed(name: str) -> list[tuple[str | None, str]]:
    tree = ast.parse(Path(allauth_texts.__file__).read_text())
    for node in tree.body:
        if isinstance(node, ast.AnnAssign | ast.Assign):
            targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
            if any(isinstance(target, ast.Name) and target.id == name for target in targets):
                assert isinstance(node.value, ast.List)
                calls = [item for item in node.value.elts if isinstance(item, ast.Call)]
                return [
                    (None, _text(call.args[0])) if len(call.args) == 1 else (_text(call.args[0]), _text(call.args[1]))
                    for call in calls
                ]
    raise AssertionError(name)


def _text(node: ast.expr) -> str:
    assert isinstance(node, ast.Constant) and isinstance(node.value, str), ast.dump(node)
    return node.value


def _msgids(path: Path) -> set[tuple[str | None, str]]:
    return {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(path)) if not entry.obsolete}


def test_every_listed_allauth_text_is_an_allauth_msgid() -> None:
    known = _msgids(Path(allauth.__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "django.po")
    listed = _listed("ALLAUTH_TEXTS")
    assert len(listed) > 50
    assert not [text for text in listed if text not in known]


def test_every_listed_library_text_is_the_librarys_msgid() -> None:
    admin_templates = Path(django.__file__).parent / "contrib" / "admin" / "templates" / "admin"
    sources = "".join(path.read_text() for path in admin_templates.rglob("*.html"))
    sources += (Path(django_tasks_db.__file__).parent / "models.py").read_text()
    for _context, msgid in _listed("LIBRARY_TEXTS"):
        assert f"translate '{msgid}'" in sources or f'_("{msgid}")' in sources, msgid
