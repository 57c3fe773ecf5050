"""A URL configuration with a view that shows what it received, to test input cleaning."""

import json

from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def echo(request: HttpRequest) -> HttpResponse:
    received = {
        "get": list(request.GET.lists()),
        "post": list(request.POST.lists()),
        "cookies": sorted(request.COOKIES.items()),
    }
    return HttpResponse(json.dumps(received), content_type="application/json")


urlpatterns = [path("echo/", echo), path("", include("wijkbasis.urls"))]
