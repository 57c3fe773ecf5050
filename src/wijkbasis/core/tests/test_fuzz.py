"""Hostile input never gives a server error: every URL of the permission matrix, as every role,
with GET and POST, on both databases.

Each example of the property is one sweep over every URL × every identity of the matrix's world
(core/tests/matrix.py): identities the matrix lets in get a GET with hostile query parameters and a
POST of the URL's sample body (its field names come from the app's `samples()`) with hostile values
in some fields, some fields left out, some given twice, and hostile query parameters on the URL too;
identities the matrix refuses get one such request, GET or POST. Hostile values: NUL and other
control characters, very long strings, huge and negative numbers, floats that are not numbers,
unicode, SQL, HTML and template injection, impossible dates, lists where one value is expected,
missing fields, and posts without a CSRF token. Any answer of 500 or more fails, with what was sent.

Every request runs in a savepoint that is rolled back, so each meets the same world. Hypothesis
draws the values (`derandomize`: the same ones on every run, so the suite is not flaky); set
WIJKBASIS_FUZZ_EXAMPLES to send more sweeps, WIJKBASIS_FUZZ_RANDOM=1 to draw new values.
"""

from __future__ import annotations

import os
import random
import re
import traceback
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from wijkbasis.core.permissions import rule_for
from wijkbasis.core.tests.matrix import CSRF_TOKEN, build_world, logged_in_clients, sample_url, url_names

pytestmark = pytest.mark.django_db

#: Every query parameter a view reads (request.GET.get(...)) or binds a GET form to: the one list.
#: `test_every_query_parameter_a_view_reads_is_fuzzed` keeps it complete for request.GET.get().
QUERY_PARAMETERS = (
    # paging, state and search in lists (accounts, volunteering, reporting, buurtservice)
    "pagina", "status", "q", "organisatie", "postcode", "stap", "tab", "toon", "dienst", "gemeente", "dag", "week",
    "download", "next",
    # the vacancy search (volunteering VacancyFilter)
    "wijk", "afstand", "soort", "uren", "dagdeel", "vaardigheid", "interesse", "geschikt", "thuis", "sorteer",
    # periods (reporting and buurtservice PeriodForm)
    "van", "tot", "start", "end", "periode",
    # the management site's lists, popups and filters
    "o", "p", "e", "all", "_changelist_filters", "_popup", "_to_field", "action", "select_across", "index",
    "id__exact", "occurred_at__year", "occurred_at__month", "created_at__gte", "name__regex",
)  # fmt: skip

HUGE = "9" * 30
FIXED_HOSTILE = (
    "\x00", "a\x00b", "%00", "\x00" * 50, "\x01\x02\x1b[31m\x7f", "\x08\x0b\x0c", "\u0085\u009f",
    "", " ", "\t\n\r", "x" * 5000, "é" * 3000, "😀" * 500, "\u202e\u200b\ufeff", "Zoë Ørsted-Çelik", "\u0627\u0644",
    "0", "-1", "1", HUGE, f"-{HUGE}", "1e309", "-1e309", "inf", "-inf", "nan", "NaN", "3.5", "1,5", "0x10", "ja",
    "99999-99-99", "2024-02-30", "0000-00-00", "31-12-2024", "9999-12-31T25:61", "1970-01-01", "-5000-01-01",
    "' OR '1'='1", "1; DROP TABLE accounts_user; --", "\" OR 1=1 --", "%' AND 1=0 UNION SELECT password FROM x--",
    "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "//evil.example/",
    "{{ 7|add:7 }}", "{% load log %}{% get_admin_log 10 as log %}", "${7*7}", "#{7*7}", "__class__.__mro__",
    "../../../../etc/passwd", "..%2f..%2fsecret_key", "/beheer/", "https://evil.example", "\\\\evil\\share",
    "[]", "{}", "null", "true", "None", "[object Object]", "a=b&c=d", "wijk=%00", "%", "%%", "%zz", "+",
)  # fmt: skip
#: Any unicode text but lone surrogates, which no client can send as UTF-8.
TEXT = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=80)
HOSTILE = st.one_of(
    st.sampled_from(FIXED_HOSTILE), TEXT, st.integers().map(str), st.floats().map(repr), st.dates().map(str)
)

EXAMPLES = int(os.environ.get("WIJKBASIS_FUZZ_EXAMPLES", "1"))
RANDOM = os.environ.get("WIJKBASIS_FUZZ_RANDOM", "") == "1"


class Sender:
    """Sends the requests of a sweep and notes every server error with what was sent."""

    def __init__(self, world: Any) -> None:
        self.world = world
        self.clients = logged_in_clients(world, csrf=True)
        self.cookies = {label: client.cookies.output() for label, client in self.clients.items()}
        self.sent = 0
        self.problems: list[str] = []

    def send(
        self,
        label: str,
        method: str,
        url: str,
        query: list[tuple[str, str]],
        body: list[tuple[str, str]],
        *,
        csrf: bool = True,
    ) -> None:
        client = self.clients[label]
        data: dict[str, list[str]] = {}
        for key, value in body:
            data.setdefault(key, []).append(value)
        target = url + ("?" + _encode(query) if query else "")
        headers: dict[str, Any] = {"HTTP_X_CSRFTOKEN": CSRF_TOKEN} if csrf else {}
        self.sent += 1
        try:
            with transaction.atomic():
                if method == "GET":
                    status = client.get(target, **headers).status_code
                else:
                    status = client.post(target, data, **headers).status_code
                transaction.set_rollback(True)
        except Exception as error:  # the test client re-raises what the view raised: a 500
            status = 500
            where = [frame for frame in traceback.extract_tb(error.__traceback__) if "/wijkbasis/" in frame.filename]
            place = f" at {where[-1].filename.split('/src/')[-1]}:{where[-1].lineno}" if where else ""
            cause = f"{type(error).__name__}: {error!s:.200}{place}"
            self.problems.append(f"{method} {target[:300]!r} as {label}, body {body!r:.300}: {cause}")
        else:
            if status >= 500:
                self.problems.append(f"{method} {target[:300]!r} as {label}, body {body!r:.300}: {status}")
        # A login, logout or new CSRF token changed the cookies; the rolled-back database has the old session.
        client.cookies.clear()
        client.cookies.load(self.cookies[label].replace("Set-Cookie: ", "").replace("\r\n", ";"))
        client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_TOKEN


def _encode(pairs: list[tuple[str, str]]) -> str:
    from urllib.parse import urlencode

    return urlencode(pairs)


def _hostile_query(rng: random.Random, pool: list[str]) -> list[tuple[str, str]]:
    names = rng.sample(QUERY_PARAMETERS, rng.randint(1, 6))
    pairs = [(name, rng.choice(pool)) for name in names]
    if rng.random() < 0.3:  # a list where one value is expected
        pairs += [(names[0], rng.choice(pool)) for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.1:  # a hostile parameter name
        pairs.append((rng.choice(pool)[:50] or "x", rng.choice(pool)))
    return pairs


def _hostile_body(rng: random.Random, pool: list[str], sample: dict[str, Any]) -> list[tuple[str, str]]:
    body: list[tuple[str, str]] = []
    for name, value in sample.items():
        values = [str(item) for item in value] if isinstance(value, (list, tuple)) else [str(value)]
        roll = rng.random()
        if roll < 0.1:
            continue  # left out
        if roll < 0.55:
            values = [rng.choice(pool)]
        elif roll < 0.7:
            values = [rng.choice(pool) for _ in range(rng.randint(2, 4))]  # a list where one value is expected
        body += [(name, item) for item in values]
    if not sample or rng.random() < 0.3:
        body += [(name, rng.choice(pool)) for name in rng.sample(QUERY_PARAMETERS, rng.randint(1, 3))]
    return body


def _sweep(sender: Sender, names: list[tuple[str, Any]], pool: list[str], seed: int) -> None:
    rng = random.Random(seed)
    world = sender.world
    for name, pattern in names:
        rule = rule_for(name)
        assert rule is not None, f"{name}: not in the permission matrix"
        url = sample_url(name, pattern, world)
        sample = world.samples.get(name)
        post = dict(sample.post) if sample is not None and sample.post is not None else {}
        for identity in world.identities:
            may_get = rule.may(identity.role, method="GET", own_team=identity.own_team)
            may_post = rule.may(identity.role, method="POST", own_team=identity.own_team)
            methods = [m for m, may in (("GET", may_get), ("POST", may_post)) if may] or [rng.choice(("GET", "POST"))]
            for method in methods:
                query = _hostile_query(rng, pool)
                if method == "GET":
                    sender.send(identity.label, "GET", url, query, [])
                else:
                    csrf = rng.random() > 0.05  # now and then without a CSRF token: 403, never 500
                    sender.send(identity.label, "POST", url, query, _hostile_body(rng, pool, post), csrf=csrf)


def test_hostile_values_to_every_url_never_give_a_server_error(zutphen: Any) -> None:
    world = build_world(zutphen)
    names = list(url_names())
    sender = Sender(world)

    @hypothesis_settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,  # no .hypothesis folder in the working tree
        derandomize=not RANDOM,
        phases=(Phase.generate,),  # a sweep is long: no shrinking, every problem is listed instead
        suppress_health_check=list(HealthCheck),
    )
    @given(pool=st.lists(HOSTILE, min_size=40, max_size=40), seed=st.integers(0, 2**32 - 1))
    def sweep(pool: list[str], seed: int) -> None:
        _sweep(sender, names, [*FIXED_HOSTILE, *pool], seed)

    sweep()
    print(f"\nfuzz: {sender.sent} requests to {len(names)} URLs as {len(world.identities)} identities")
    assert sender.sent > 2 * len(names) * EXAMPLES
    assert not sender.problems, f"{len(sender.problems)} server errors:\n" + "\n".join(sender.problems[:60])


def test_every_query_parameter_a_view_reads_is_fuzzed() -> None:
    """The list above is the one place; a view reading a new parameter must be added to it."""
    source = Path(__file__).parents[2]
    read = set()
    for path in source.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        text = path.read_text()
        read |= set(re.findall(r"request\.GET\.get\(\s*[\"']([^\"']+)[\"']", text))
        read |= set(re.findall(r"[\"']([^\"']+)[\"']\s+(?:not\s+)?in\s+request\.GET\b", text))
    assert read, "found no parameters: the pattern is out of date"
    assert sorted(read - set(QUERY_PARAMETERS)) == []
