"""`{% nav_links "mijn_links" as links %}`: the pages every app adds to the navigation of "Mijn"
or of the werkplek for this user (accounts.selectors.nav_links and each app's hook)."""

from __future__ import annotations

from typing import Any

from django import template

from wijkbasis.accounts.selectors import MIJN_LINKS_HOOK, WERKPLEK_LINKS_HOOK, NavLink, nav_links

register = template.Library()


@register.simple_tag(takes_context=True, name="nav_links")
def nav_links_tag(context: Any, hook_name: str) -> list[NavLink]:
    if hook_name not in (MIJN_LINKS_HOOK, WERKPLEK_LINKS_HOOK):
        raise template.TemplateSyntaxError(f"nav_links: unknown navigation {hook_name!r}")
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return []
    return nav_links(user, hook_name)
