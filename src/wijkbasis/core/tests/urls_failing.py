"""A URL configuration with one view that crashes, to test the 500 page."""

from django.http import HttpRequest, HttpResponse
from django.urls import include, path


def crash(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("test crash")


urlpatterns = [path("crash/", crash), path("", include("wijkbasis.urls"))]
