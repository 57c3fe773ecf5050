"""A URL configuration with one view that crashes, to test the 500 page."""

from django.urls import include, path


def crash(request: object) -> None:
    raise RuntimeError("test crash")


urlpatterns = [path("crash/", crash), path("", include("wijkbasis.urls"))]
