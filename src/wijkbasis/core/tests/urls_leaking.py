"""A view that writes before it checks who asks: the matrix's POST check must catch it."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_POST

from wijkbasis.areas.models import Municipality


@require_POST
def leaking_form(request: HttpRequest) -> HttpResponse:
    Municipality.objects.create(code="GM9999", name="Lek", slug="lek")
    if not request.user.is_superuser:
        raise Http404
    return HttpResponse(status=302)


urlpatterns = [path("lek/", leaking_form, name="leaking_form"), path("", include("wijkbasis.urls"))]
