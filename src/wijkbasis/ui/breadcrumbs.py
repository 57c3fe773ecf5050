"""The trail above a page's title, for `ui/components/breadcrumbs.html`.

Every trail starts at the home page (the one `base.html` links from the site's name); a view
names only the steps after it, the last one being the page itself (its URL is not shown):

    "breadcrumbs": breadcrumbs((municipality.name, municipality.get_absolute_url()), (district.name, "")),
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

#: The page every trail starts from (the same as the site name's link in base.html).
HOME = "areas:home"

Crumb = tuple[str, str]


def breadcrumbs(*steps: Crumb) -> list[Crumb]:
    """(label, url) pairs: Home, then `steps`."""
    return [(_("Home"), reverse(HOME)), *steps]
