"""Benchmark of the vacancy full-text search: a search page's queries at 2,000 and 20,000 vacancies.

    uv run python -m bench search               # SQLite; figures to the screen and bench/results/search.md
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres uv run python -m bench search --postgres

The database is a throw-away one (bench/frame.py). Zutphen's areas and demo places, 60 organisations and
24 skills with search terms; vacancies are made with a seeded random generator from Dutch word lists (the
scale generator's, wijkbasis.volunteering.scale). One search page = `apply_text_search`
(one query for the vocabulary) on published vacancies with a filter, the first 20 with their organisation,
and the count. Each of the 50 texts runs 5 times; per text the median counts, and the table shows the
median and the 90th percentile over the texts. Figures and ratios only: this is not a test.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from bench import frame
from wijkbasis.volunteering.scale import ACTIVITIES, EXTRAS, GOALS, OPENINGS, PEOPLE, ROLES, WHEN

SEED = 301  # Zutphen's CBS code
SIZES = (2_000, 20_000)
RESULTS = frame.RESULTS_DIR / "search.md"

SKILLS = {
    "Tuinieren": "tuin, groen, planten, moestuin",
    "Koken": "kok, maaltijd, eten, keuken",
    "Taal en lezen": "taalmaatje, voorlezen, nederlands, taalles",
    "Computerhulp": "computer, laptop, telefoon, internet, digitaal",
    "Klussen": "klusjes, reparatie, timmeren, schilderen",
    "Chauffeur": "rijden, vervoer, auto, busje",
    "Gezelschap": "bezoek, maatje, eenzaamheid, gesprek",
    "Administratie": "boekhouding, penningmeester, papieren, formulieren",
    "Huiswerkbegeleiding": "huiswerk, bijles, school, rekenen",
    "Sport en bewegen": "sport, wandelen, fietsen, gym",
    "Muziek": "zingen, koor, muziek, instrument",
    "Dieren": "dierenverzorging, kinderboerderij, honden, uitlaten",
    "Gastvrouw of gastheer": "gastvrouw, gastheer, ontvangst, koffie",
    "Creatief": "knutselen, tekenen, handwerken, breien",
    "Evenementen": "feest, organiseren, markt, festival",
    "Boodschappen": "boodschappen, winkelen, supermarkt",
    "Voedselbank": "voedselpakketten, sorteren, uitdelen",
    "Fietsenmaker": "fietsreparatie, band, fiets",
    "Communicatie": "nieuwsbrief, schrijven, website, sociale media",
    "Bestuur": "bestuurslid, voorzitter, secretaris, vergaderen",
    "Kinderen": "kinderopvang, spelen, jeugd, tieners",
    "Ouderen": "senioren, verzorgingshuis, mantelzorg",
    "Nieuwkomers": "statushouders, vluchtelingen, inburgering",
    "Schoonmaken": "opruimen, zwerfafval, poetsen",
}
ORGANISATION_WORDS = ["Stichting", "Vereniging", "Buurtvereniging", "Stichting Welzijn", "Speeltuinvereniging"]
ORGANISATION_NAMES = [
    "De Hoven",
    "Het Nut",
    "Samen Sterk",
    "Groen Zutphen",
    "De Uitwijk",
    "Zonnebloem",
    "Het Anker",
    "De Brug",
    "Mulderskamp",
    "Leesten Leeft",
    "Voedselbank",
    "De Kinderboerderij",
    "Repair Café",
    "Taalhuis",
    "Het Ketelhuis",
]
QUERIES = [
    "tuin", "tuinieren", "koken", "kok", "vrijwilliger", "vrijwilligers", "ouderen", "kinderen", "taal",
    "taalmaatje", "voorlezen", "computer", "fiets", "chauffeur", "boodschappen", "buurthuis", "voedselbank",
    "klussen", "schilderen", "muziek", "sport", "wandelen", "administratie", "penningmeester", "bestuur",
    "gastvrouw", "koffie", "bibliotheek", "school", "huiswerk", "nieuwkomers", "bezoek", "eenzaamheid",
    "dieren", "zaterdag", "tuin ouderen", "koken buurthuis", "chauffeur ouderen", "taal nieuwkomers",
    "huiswerk kinderen", "computer hulp", "vrijwilliger zaterdag", "koffie schenken buurthuis",
    "samen wandelen met ouderen", "kinderb", "vrijwil", "boodsch", "de en het", "zeilboot", "Tuin-hulp!",
]  # fmt: skip


def _sentence(generator: random.Random) -> str:
    return (
        f"{generator.choice(OPENINGS)} "
        f"{generator.choice(ACTIVITIES)} {generator.choice(WHEN)} voor {generator.choice(PEOPLE)}."
    )


def make_vacancies(count: int, generator: random.Random, start: int) -> int:
    """`count` published vacancies with skills and wijken, straight into the tables."""
    from wijkbasis.areas.models import District, Organisation, Place
    from wijkbasis.volunteering.models import Skill, Vacancy

    organisations = list(Organisation.objects.all())
    places = list(Place.objects.all())
    districts = list(District.objects.all())
    skills = list(Skill.objects.all())
    now = dt.datetime.now(tz=dt.UTC)
    vacancies = Vacancy.objects.bulk_create(
        (
            Vacancy(
                organisation=generator.choice(organisations),
                title=f"{generator.choice(ROLES)} {generator.choice(GOALS)}",
                slug=f"vacature-{start + number}",
                description=" ".join(
                    [*(_sentence(generator) for _ in range(generator.randint(2, 5))), generator.choice(EXTRAS)]
                ),
                place=generator.choice(places) if generator.random() < 0.6 else None,
                contact_name="Contactpersoon",
                status=Vacancy.Status.PUBLISHED,
                published_at=now - dt.timedelta(minutes=start + number),
                vog_required=generator.random() < 0.3,
            )
            for number in range(count)
        ),
        batch_size=1_000,
    )
    Vacancy.skills.through.objects.bulk_create(
        (
            Vacancy.skills.through(vacancy_id=vacancy.pk, skill_id=skill.pk)
            for vacancy in vacancies
            for skill in generator.sample(skills, generator.randint(1, 3))
        ),
        batch_size=5_000,
    )
    Vacancy.districts.through.objects.bulk_create(
        (
            Vacancy.districts.through(vacancy_id=vacancy.pk, district_id=district.pk)
            for vacancy in vacancies
            for district in generator.sample(districts, generator.choice([0, 0, 1, 1, 2]))
        ),
        batch_size=5_000,
    )
    return len(vacancies)


def search_page(text: str) -> tuple[list[tuple[str, int]], int]:
    from wijkbasis.volunteering.models import Vacancy
    from wijkbasis.volunteering.search import apply_text_search

    found = apply_text_search(Vacancy.objects.published().filter(vog_required=False), text)
    page: list[Any] = list(found.select_related("organisation")[:20])
    return [(vacancy.slug, vacancy.search_rank) for vacancy in page], found.count()


def measure(runs: int) -> dict[str, Any]:
    per_text, hits = [], []
    # Slugs are made in the same order on both databases: equal fingerprints, equal results.
    fingerprint = hashlib.sha256()
    for text in QUERIES:
        page, count = search_page(text)  # also warms the caches
        fingerprint.update(json.dumps([text, page, count]).encode())
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            search_page(text)
            times.append(time.perf_counter() - started)
        per_text.append(statistics.median(times) * 1000)
        hits.append(count)
    ordered = sorted(per_text)
    return {
        "fingerprint": fingerprint.hexdigest()[:12],
        "median_ms": statistics.median(per_text),
        "p90_ms": ordered[int(0.9 * (len(ordered) - 1))],
        "max_ms": ordered[-1],
        "slowest": QUERIES[per_text.index(ordered[-1])],
        "median_hits": statistics.median(hits),
        "max_hits": max(hits),
    }


def prepare() -> None:
    from django.core.management import call_command

    from wijkbasis import bootstrap
    from wijkbasis.areas.models import Municipality, Organisation
    from wijkbasis.areas.services import import_areas
    from wijkbasis.demo.services import load_demo
    from wijkbasis.volunteering.models import Skill

    call_command("migrate", verbosity=0)
    import_areas(Path(bootstrap.PACKAGE_DIR) / "areas" / "data" / "zutphen")
    load_demo(with_accounts=False, with_volunteering=False)
    zutphen = Municipality.objects.get(code="GM0301")
    generator = random.Random(SEED)
    Organisation.objects.bulk_create(
        Organisation(
            municipality=zutphen,
            name=f"{generator.choice(ORGANISATION_WORDS)} {generator.choice(ORGANISATION_NAMES)} {number}",
            slug=f"organisatie-{number}",
            status="approved",
        )
        for number in range(60)
    )
    Skill.objects.bulk_create(
        Skill(name=name, slug=re.sub(r"\W+", "-", name.lower()), category="hands", search_terms=terms)
        for name, terms in SKILLS.items()
    )


def run(options: Any) -> dict[str, Any]:
    from wijkbasis.volunteering.models import Vacancy
    from wijkbasis.volunteering.search import index_vacancies

    prepare()
    generator = random.Random(SEED)
    rows: dict[int, dict[str, Any]] = {}
    made = 0
    for size in SIZES:
        made += make_vacancies(size - made, generator, made)
        started = time.perf_counter()
        indexed = index_vacancies(Vacancy.objects.all())
        indexing = time.perf_counter() - started
        frame.analyse()
        rows[size] = {"indexed": indexed, "index_s": indexing, **measure(options.runs)}
        print(f"  {size:,} vacancies: median {rows[size]['median_ms']:.1f} ms", file=sys.stderr)
    return {"database": frame.database_label(), "rows": rows}


def section(result: dict[str, Any], options: Any) -> str:
    rows = result["rows"]
    small, large = rows[SIZES[0]], rows[SIZES[1]]
    lines = [
        f"## {result['database']}",
        "",
        f"`uv run python -m bench search{' --postgres' if options.postgres else ''}` on "
        f"{frame.today()}: {frame.describe_machine()}",
        "",
        "| vacancies | indexing (s) | page median (ms) | page p90 (ms) | slowest (ms) | slowest text "
        "| matches, median | matches, most | results fingerprint |",
        "|---:|---:|---:|---:|---:|---|---:|---:|---|",
    ]
    for size, row in rows.items():
        lines.append(
            f"| {size:,} | {row['index_s']:.1f} | {row['median_ms']:.1f} | {row['p90_ms']:.1f} | {row['max_ms']:.1f} "
            f"| `{row['slowest']}` | {row['median_hits']:,.0f} | {row['max_hits']:,} | `{row['fingerprint']}` |"
        )
    lines += [
        "",
        f"Ratio {SIZES[1]:,} / {SIZES[0]:,} (10 × the vacancies): "
        f"median {large['median_ms'] / small['median_ms']:.2f}, "
        f"p90 {large['p90_ms'] / small['p90_ms']:.2f}, indexing {large['index_s'] / small['index_s']:.2f} "
        f"(the second indexing run covers all {SIZES[1]:,}).",
        "",
    ]
    return "\n".join(lines)


def write_results(text: str, database: str, options: Any) -> str:
    """Keep the other database's section: one file, a section per database."""
    marker = "## PostgreSQL" if database.startswith("PostgreSQL") else "## SQLite"
    header = [
        "# Search benchmark",
        "",
        "A search page: `apply_text_search` on published vacancies without a VOG, the first 20 with their "
        "organisation, and the count; 50 texts (one and more words, prefixes, stop words only, no match), "
        f"median of {options.runs} runs per text. See bench/search.py.",
        "",
        "The vacancies come from small word lists, so words are common: a median text matches one in six "
        "vacancies, which all get ranked and sorted. Real texts are more varied and searches more selective.",
        "The results fingerprint hashes every text's first page (slugs and ranks) and count: the same "
        "fingerprint on both databases means the same results.",
        "",
    ]
    sections = []
    if RESULTS.exists():
        sections = [
            "## " + part.strip() + "\n"
            for part in RESULTS.read_text().split("\n## ")[1:]
            if not ("## " + part).startswith(marker)
        ]
    sections.append(text)
    sections.sort(key=lambda part: not part.startswith("## SQLite"))
    content = "\n".join(header) + "\n" + "\n".join(sections)
    frame.write_results(RESULTS, content)
    return content


def main(options: Any, env: frame.Environment) -> None:
    result = run(options)
    print(write_results(section(result, options), result["database"], options))
