from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.utils import translation
from django.utils.cache import patch_vary_headers

if TYPE_CHECKING:
    from django.http.request import _ImmutableQueryDict


class LanguageMiddleware:
    """Dutch unless the visitor chose another language with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language; residents on a
    phone set to English or Arabic would then land on English pages they did not ask for,
    and the Dutch default of the platform would depend on the device.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response


class AccessContextMiddleware:
    """Makes the logged-in user the actor of every change logged during this request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from wijkbasis.core.access_log import acting_as, actor_from_request

        with acting_as(actor_from_request(request)):
            return self.get_response(request)


#: Control characters (Unicode category Cc: C0, DEL and C1) except tab, line feed and carriage
#: return, which people do type into text areas.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: Bodies whose values Django parses into request.POST; other bodies are left alone.
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
#: Passwords are checked exactly as typed (they are only ever hashed, never stored or shown):
#: the names allauth's and Django's password forms use.
PASSWORD_FIELDS = frozenset({"password", "password1", "password2", "oldpassword"})


def without_control_characters(value: str) -> str:
    return CONTROL_CHARACTERS.sub("", value)


def _cleaned(query: QueryDict) -> _ImmutableQueryDict | None:
    """A copy of `query` with control characters removed from every key and value, or None
    when there are none (the common case costs one scan and no copy)."""
    if not any(
        CONTROL_CHARACTERS.search(key)
        or (
            key not in PASSWORD_FIELDS
            and any(CONTROL_CHARACTERS.search(value) for value in values if isinstance(value, str))
        )
        for key, values in query.lists()
    ):
        return None
    cleaned = QueryDict(mutable=True, encoding=query.encoding)
    for key, values in query.lists():
        for value in values:
            keep = key in PASSWORD_FIELDS or not isinstance(value, str)
            cleaned.appendlist(without_control_characters(key), value if keep else without_control_characters(value))
    cleaned._mutable = False
    return cast("_ImmutableQueryDict", cleaned)


def parse_query(text: str) -> QueryDict:
    """A query string carried inside a value (a saved search's filters posted in a form field),
    parsed and cleaned as InputCleaningMiddleware cleans the request's own: the middleware only
    sees the outer value, so a view that parses one uses this instead of QueryDict(text)."""
    query = QueryDict(text)
    return _cleaned(query) or query


class InputCleaningMiddleware:
    """The one place where control characters are taken out of what visitors send: every key
    and value of the query string, of a posted form and of the cookies.

    Nobody types a NUL byte or a backspace into a form; such characters come from attacks,
    broken clients or text pasted from elsewhere. PostgreSQL refuses NUL in text (a 500), and
    the others are invisible in pages and exports. They are *removed*, not refused: a person
    who pasted text with a stray control character keeps what they typed, and a view never
    sees one. Tab, line feed and carriage return stay (text areas). Passwords are left as typed
    (PASSWORD_FIELDS: they are hashed, never stored), and uploaded files are not touched. Runs
    before the session is read, so a crafted session cookie cannot reach the database either.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = _cleaned(request.GET)
        if query is not None:
            request.GET = query
        if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
            try:
                posted = request.POST
            except MultiPartParserError as error:
                # A broken multipart body is the client's mistake: 400, not a 500.
                raise BadRequest("Malformed form data") from error
            form = _cleaned(posted)
            if form is not None:
                request.POST = form
        if any(CONTROL_CHARACTERS.search(key + value) for key, value in request.COOKIES.items()):
            request.COOKIES = {
                without_control_characters(key): without_control_characters(value)
                for key, value in request.COOKIES.items()
            }
        return self.get_response(request)
