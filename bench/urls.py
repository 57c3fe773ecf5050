"""The site's URLs plus the ceiling: a bare Django view rendering a 50-row template, through the same
middleware as every page. What a page costs beyond it is what the application adds."""

from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import include, path

CEILING_PATH = "/bench/ceiling/"

_TEMPLATE = engines["django"].from_string(
    """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Ceiling</title></head><body><main>
<h1>Ceiling</h1><table><thead><tr><th>#</th><th>Naam</th><th>Wijk</th><th>Postcode</th></tr></thead><tbody>
{% for row in rows %}<tr><td>{{ row.number }}</td><td>{{ row.name }}</td><td>{{ row.district }}</td>"""
    """<td>{{ row.postcode }}</td></tr>
{% endfor %}</tbody></table></main></body></html>"""
)
_ROWS = [
    {"number": number, "name": f"Inwoner {number}", "district": f"Wijk {number % 7}", "postcode": f"72{number:02d} AB"}
    for number in range(50)
]


def ceiling(request: HttpRequest) -> HttpResponse:
    return HttpResponse(_TEMPLATE.render({"rows": _ROWS}, request))


urlpatterns = [
    path(CEILING_PATH.strip("/") + "/", ceiling, name="bench_ceiling"),
    path("", include("wijkbasis.urls")),
]
