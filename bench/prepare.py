"""Before a benchmark run, inside Django against the benchmark database (DATABASE_URL).

    python bench/prepare.py OUTPUT.json            # pages, paths, queries, admin cookie
    python bench/prepare.py --count-registrations  # rows the registration POSTs stored

Chooses the paths each page type is loaded with from the data (different filters, search
words, profiles, events), logs a staff user in for the admin changelist (session cookie with
its second factor verified, as production requires), and counts the SQL queries of every path
in-process with the test client, with the time spent in SQL as a first profile: the first
request of a path renders its cached fragments (cold), the second is served from them.

Each page type of the long tail (profiles, events, directory pages, filters, searches) is then
listed once more as `<key>_long_tail`, its paths drawn from the whole population, half
uniformly (crawlers) and half skewed towards popular ones (people): more distinct URLs than a
worker's fragment cache holds, so that its figures are mostly those of cold pages.
"""

import argparse
import ipaddress
import itertools
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cluster_portal.settings.production")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.scale import OBJECTS, TOPICS, get_model, has_field  # noqa: E402
from cooperations.models import Cooperation, Country  # noqa: E402
from events.models import Event  # noqa: E402
from members.models import InnovationField, Organisation  # noqa: E402
from regions.models import Region  # noqa: E402

PATHS_PER_PAGE = 24
# The long tail (issue 22): paths drawn from the whole population, more distinct URLs than a
# worker's fragment cache holds (FRAGMENT_CACHE_ENTRIES, 500), for the "cold" figures.
LONG_TAIL_PATHS = int(os.environ.get("BENCH_LONG_TAIL_PATHS", "3000"))
LONG_TAIL_POPULATION = 3000  # profiles, filter combinations, search texts at most
STAFF_USERNAME = "bench-staff"
# A fixed CSRF secret, sent as cookie and as form field: Django accepts the unmasked secret.
CSRF_SECRET = "BenchCsrfSecret0123456789abcdefg"  # noqa: S105 - not a secret
EMAIL_DOMAIN = "bench-registration.example.org"
HOST = "localhost"

SEARCH_WORDS = [
    "Telemedizin", "Implantate", "Pflege", "Sturzerkennung", "Zellkulturen", "Hörsysteme",
    "Labordiagnostik", "Exoskelette", "Medikationsmanagement", "Rehabilitation", "Kontaktlinsen",
    "Sterilgut", "Routinedaten", "Ernährungsberatung", "Medizinprodukteverordnung", "Software",
]  # fmt: skip


def misspell(word: str, rng: random.Random) -> str:
    """A typing error a visitor makes: a doubled letter dropped, two letters swapped, f→v."""
    lower = word.lower()
    for double in ("nn", "mm", "ll", "tt", "ss", "rr"):
        if double in lower and rng.random() < 0.6:
            index = lower.index(double)
            return word[:index] + word[index + 1 :]
    if "f" in word[1:] and rng.random() < 0.5:
        index = word.index("f", 1)
        return word[:index] + "v" + word[index + 1 :]
    index = rng.randrange(1, max(2, len(word) - 2))
    return word[:index] + word[index + 1] + word[index] + word[index + 2 :]


def choose_paths(rng: random.Random) -> dict:
    members = Organisation.objects.members()
    regions = list(Region.objects.order_by("slug").values_list("slug", flat=True))
    fields = list(InnovationField.objects.order_by("slug").values_list("slug", flat=True))
    directory = reverse("members:list")
    member_count = members.count()
    last_page = max(1, (member_count + 23) // 24)
    profiles = list(members.order_by("?").values_list("slug", flat=True)[:PATHS_PER_PAGE])
    names = list(members.order_by("?").values_list("name", flat=True)[:PATHS_PER_PAGE])
    events = list(
        Event.objects.published().order_by("?").values_list("slug", flat=True)[:PATHS_PER_PAGE]
    )
    event_list = reverse("events:list")
    cooperation_list = reverse("cooperations:list")
    words = (
        SEARCH_WORDS + [topic.split()[-1] for topic in TOPICS] + [o.split()[-1] for o in OBJECTS]
    )
    misspelt = []
    for name in names:
        word = max(name.split(), key=len)
        misspelt.append(misspell(word, rng))
    admin_list = reverse("admin:members_organisation_changelist")
    region_ids = list(Region.objects.order_by("pk").values_list("pk", flat=True))
    pages = rng.sample(range(2, last_page + 1), min(11, last_page - 1))
    filters = [
        {"region": rng.choice(regions), "innovation_field": rng.choice(fields)}
        for _ in range(PATHS_PER_PAGE)
    ]
    queries = rng.sample(words, min(PATHS_PER_PAGE, len(words)))
    admin_filters = [{"status__exact": "member", "region__id__exact": pk} for pk in region_ids]
    more = other_page_paths(rng, words, misspelt)
    return more | {
        "home": ["/", "/en/"],
        "directory": [directory] + [f"{directory}?page={page}" for page in pages],
        "directory_filtered": [f"{directory}?{urlencode(f)}" for f in filters],
        "search_fulltext": [f"{directory}?{urlencode({'q': word})}" for word in queries],
        "search_misspelt": [f"{directory}?{urlencode({'q': word})}" for word in misspelt],
        "profile": [reverse("members:detail", kwargs={"slug": slug}) for slug in profiles],
        "event_list": [event_list] + [f"{event_list}?page={page}" for page in range(2, 6)],
        "event_detail": [reverse("events:detail", kwargs={"slug": slug}) for slug in events],
        "cooperation_list": [cooperation_list]
        + [f"{cooperation_list}?{urlencode({'kind': kind})}" for kind in Cooperation.Kind.values]
        + [f"{cooperation_list}?{urlencode({'field': field})}" for field in fields]
        + [f"{cooperation_list}?{urlencode({'country': code})}" for code in Country.values[:6]]
        + [f"{cooperation_list}?page={page}" for page in range(2, 6)],
        "admin_changelist": [admin_list]
        + [f"{admin_list}?p={page}" for page in range(1, 8)]
        + [f"{admin_list}?{urlencode(f)}" for f in admin_filters]
        + [f"{admin_list}?{urlencode({'q': word})}" for word in SEARCH_WORDS[:6]],
    }


def _published_news():
    model = get_model("news.NewsItem")
    return model.objects.published() if model is not None else None


def _board_posts():
    model = get_model("partnering.Post")
    return model.objects.on_board().public() if model is not None else None


def other_page_paths(rng: random.Random, words: list[str], misspelt: list[str]) -> dict:
    """Every other public page type: regions, archive, joint stands, partners, news, the
    partnering board, the site search, calendars, feeds, the sitemap and robots.txt."""
    regions = list(Region.objects.order_by("?").values_list("slug", flat=True)[:PATHS_PER_PAGE])
    # An event without a known date has no calendar entry (its .ics answers 404).
    dated_events = list(
        Event.objects.published()
        .with_known_date()
        .order_by("?")
        .values_list("slug", flat=True)[:PATHS_PER_PAGE]
    )
    search = reverse("search")
    paths = {
        "region_list": [reverse("regions:list")],
        "region_detail": [reverse("regions:detail", kwargs={"slug": slug}) for slug in regions],
        "event_archive": [reverse("events:archive")]
        + [f"{reverse('events:archive')}?page={n}" for n in range(2, 6)],
        "joint_stands": [reverse("stands:list")],
        "partners": [reverse("cooperations:partners")],
        "site_search": [f"{search}?{urlencode({'q': word})}" for word in words[:PATHS_PER_PAGE]],
        "site_search_misspelt": [f"{search}?{urlencode({'q': word})}" for word in misspelt],
        "event_ics": [reverse("events:ics", kwargs={"slug": slug}) for slug in dated_events],
        "event_feed": [reverse("events:feed")],
        "sitemap": [reverse("sitemap")],
        "robots": [reverse("robots_txt")],
    }
    news = _published_news()
    if news is not None:
        slugs = list(news.order_by("?").values_list("slug", flat=True)[:PATHS_PER_PAGE])
        paths["news_list"] = [reverse("news:list")] + [
            f"{reverse('news:list')}?page={n}" for n in range(2, 6)
        ]
        paths["news_detail"] = [reverse("news:detail", kwargs={"slug": s}) for s in slugs]
        paths["news_feed"] = [reverse("news:feed_rss")]
    posts = _board_posts()
    if posts is not None:
        pks = list(posts.order_by("?").values_list("pk", flat=True)[:PATHS_PER_PAGE])
        paths["partnering_board"] = [reverse("partnering:board")]
        paths["partnering_detail"] = [reverse("partnering:detail", kwargs={"pk": pk}) for pk in pks]
    return paths


def visitors_and_crawlers(rng: random.Random, population: list[str], count: int) -> list[str]:
    """`count` paths from `population` as real traffic asks for them: half by crawlers, uniform
    over all of it, half by people, skewed (Zipf, s=1) towards a few popular ones; shuffled."""
    if not population:
        return []
    ranked = population[:]
    rng.shuffle(ranked)
    weights = [1 / (rank + 1) for rank in range(len(ranked))]
    crawlers = [rng.choice(ranked) for _ in range(count // 2)]
    people = rng.choices(ranked, weights=weights, k=count - len(crawlers))
    paths = crawlers + people
    rng.shuffle(paths)
    return paths


def long_tail_populations(rng: random.Random) -> dict:
    """Every path of each page type a visitor or crawler may ask for (bounded per type)."""
    members = Organisation.objects.members()
    limit = LONG_TAIL_POPULATION
    directory = reverse("members:list")
    member_count = members.count()
    last_page = max(1, (member_count + 23) // 24)
    regions = list(Region.objects.order_by("slug").values_list("slug", flat=True))
    fields = list(InnovationField.objects.order_by("slug").values_list("slug", flat=True))
    kinds = [kind for kind, _label in Organisation.Kind.choices]
    combinations = set()
    while len(combinations) < min(500, max(1, len(regions) * len(fields))):
        chosen = {"region": rng.choice(regions), "innovation_field": rng.choice(fields)}
        if rng.random() < 0.3:
            chosen["kind"] = rng.choice(kinds)
        if rng.random() < 0.2:
            chosen["sort"] = "newest"
        combinations.add(urlencode(sorted(chosen.items())))
    names = list(members.order_by("?").values_list("name", flat=True)[:limit])
    words = (
        SEARCH_WORDS + [topic.split()[-1] for topic in TOPICS] + [o.split()[-1] for o in OBJECTS]
    )
    misspelt = sorted({misspell(max(name.split(), key=len), rng) for name in names[:500]})
    events = list(Event.objects.published().values_list("slug", flat=True))
    event_list = reverse("events:list")
    search = reverse("search")
    populations = {
        "region_detail": [
            reverse("regions:detail", kwargs={"slug": slug})
            for slug in Region.objects.values_list("slug", flat=True)
        ],
        "event_ics": [
            reverse("events:ics", kwargs={"slug": slug})
            for slug in Event.objects.published().with_known_date().values_list("slug", flat=True)
        ],
        "site_search": [f"{search}?{urlencode({'q': word})}" for word in words],
        "site_search_misspelt": [f"{search}?{urlencode({'q': word})}" for word in misspelt],
    }
    news = _published_news()
    if news is not None:
        populations["news_detail"] = [
            reverse("news:detail", kwargs={"slug": slug})
            for slug in news.values_list("slug", flat=True)[:limit]
        ]
    posts = _board_posts()
    if posts is not None:
        populations["partnering_detail"] = [
            reverse("partnering:detail", kwargs={"pk": pk})
            for pk in posts.values_list("pk", flat=True)[:limit]
        ]
    return populations | {
        # Page numbers alone: how crawlers and bookmarks reach deep pages (no cursor).
        "directory": [directory] + [f"{directory}?page={n}" for n in range(2, last_page + 1)],
        "directory_filtered": [f"{directory}?{c}" for c in sorted(combinations)],
        "search_fulltext": [f"{directory}?{urlencode({'q': word})}" for word in words]
        + [f"{directory}?{urlencode({'q': word, 'page': 2})}" for word in words],
        "search_misspelt": [f"{directory}?{urlencode({'q': word})}" for word in misspelt],
        "profile": [
            reverse("members:detail", kwargs={"slug": slug})
            for slug in members.order_by("?").values_list("slug", flat=True)[:limit]
        ],
        "event_list": [event_list] + [f"{event_list}?page={n}" for n in range(2, 30)],
        "event_detail": [reverse("events:detail", kwargs={"slug": slug}) for slug in events],
    }


PAGES = [
    # (key, label, kind): kind decides the target, see bench/run.py.
    ("home", "Home page", "public"),
    ("directory", "Directory, unfiltered (pages)", "public"),
    ("directory_filtered", "Directory, region + innovation field", "public"),
    ("search_fulltext", "Directory, full-text query", "search"),
    ("search_misspelt", "Directory, misspelt name", "search"),
    ("profile", "Organisation profile", "public"),
    ("event_list", "Event list", "public"),
    ("event_detail", "Event page", "public"),
    ("registration_post", "Registration POST", "public"),
    # Writes with documents to make: reported beside the registration POST, no target.
    ("paid_registration_post", "Registration POST, paid event (billing details)", "write"),
    ("paid_confirm", "Confirming a paid place (with its invoice)", "write"),
    ("cooperation_list", "Cooperation list", "public"),
    ("region_list", "Region list", "public"),
    ("region_detail", "Region page", "public"),
    ("event_archive", "Event archive", "public"),
    ("joint_stands", "Joint stands", "public"),
    ("partners", "Partners", "public"),
    ("news_list", "News list", "public"),
    ("news_detail", "News item", "public"),
    ("partnering_board", "Partnering board", "public"),
    ("partnering_detail", "Partnering post", "public"),
    ("site_search", "Site search, hits", "search"),
    ("site_search_misspelt", "Site search, misspelt", "search"),
    ("event_ics", "Event .ics", "public"),
    ("event_feed", "Event feed (.ics)", "public"),
    ("news_feed", "News feed (RSS)", "public"),
    ("sitemap", "Sitemap index", "public"),
    ("robots", "robots.txt", "public"),
    ("admin_changelist", "Admin changelist of organisations", "admin"),
]


def registration_body(**extra) -> str:
    """A registration form's body; `{n}` in the address is made unique per request."""
    return urlencode(
        {
            "csrfmiddlewaretoken": CSRF_SECRET,
            "name": "Bench Teilnehmerin",
            "email": f"bench-{{n}}@{EMAIL_DOMAIN}",
            "organisation_name": "Lastprobe GmbH",
            "role": "Test",
            "privacy_consent": "on",
            "homepage": "",
            **extra,
        },
        safe="{}@",
    )


def registration_targets(rng: random.Random) -> tuple[list[str], str] | None:
    """Event pages that take a registration now, and the form body; None without the form."""
    try:
        from events.forms import RegistrationForm  # noqa: F401
    except ImportError:
        return None
    if get_model("events.Registration") is None or not has_field(Event, "registration_enabled"):
        return None
    candidates = Event.objects.published().filter(
        start__gt=timezone.now(), registration_enabled=True
    )
    if has_field(Event, "price_cents"):
        # A paid event's form also asks for billing details: `paid_registration_post`.
        candidates = candidates.exclude(price_cents__gt=0).exclude(member_price_cents__gt=0)
    open_events = []
    for event in candidates.order_by("start")[:400]:
        questions = getattr(event, "questions", None)
        if questions is not None and questions.filter(required=True).exists():
            continue
        if getattr(event, "accepts_registrations", True):
            open_events.append(event.get_absolute_url())
    if not open_events:
        return None
    body = registration_body()
    return rng.sample(open_events, min(PATHS_PER_PAGE, len(open_events))), body


ACCESS_REQUEST_TARGETS = 300


def access_request_targets(rng: random.Random) -> list[dict]:
    """Requests for a profile's update link (members' `access_request`), each with the public
    address of its organisation, so that every one stores a link and queues its mail: the
    other write of the stream besides registrations (issue 22)."""
    members = Organisation.objects.members().exclude(email="")
    # Enough organisations that the per-address rate limit refuses few of them.
    chosen = members.order_by("?").values_list("slug", "email")[:ACCESS_REQUEST_TARGETS]
    return [
        {
            "path": reverse("members:access_request", kwargs={"slug": slug}),
            "body": urlencode(
                {
                    "csrfmiddlewaretoken": CSRF_SECRET,
                    "email": email,
                    "privacy_consent": "on",
                    "homepage": "",
                },
                safe="@",
            ),
        }
        for slug, email in chosen
    ]


PAID_EVENT_SLUG = "bench-bezahlte-konferenz"
PAID_EMAIL_DOMAIN = "bench-paid.example.org"
# Confirmation links are used once: every confirmation in a run needs a pending registration
# of its own (bench/run.py hands each wrk run a fresh slice of them).
PAID_CONFIRMS = int(os.environ.get("BENCH_PAID_CONFIRMS", "6000"))
# Measured in-process one by one (each link once), then left out of the links wrk gets.
PAID_CONFIRMS_INPROCESS = 12
BILLING = {
    "billing_organisation": "Lastprobe GmbH",
    "billing_department": "Einkauf",
    "billing_street": "Markt 1",
    "billing_postcode": "04109",
    "billing_city": "Leipzig",
    "billing_country": "DE",
    "billing_vat_id": "DE136695976",
    "billing_reference": "PO-4711",
    "billing_email": f"rechnung@{EMAIL_DOMAIN}",
}


def paid_event() -> Event | None:
    """A paid conference with room for every bench registration, invoiced by a seller of its
    own: a copy of an open event, made once per benchmark database."""
    seller_model = get_model("billing.Seller")
    if seller_model is None or not has_field(Event, "price_cents"):
        return None
    event = Event.objects.filter(slug=PAID_EVENT_SLUG).first()
    if event is not None:
        return event
    template = (
        Event.objects.published()
        .filter(start__gt=timezone.now(), registration_enabled=True)
        .exclude(questions__required=True)
        .order_by("start")
        .first()
    )
    if template is None:
        return None
    seller, _ = seller_model.objects.get_or_create(
        invoice_prefix="BENCH",
        defaults={
            "name": "Lastprobe Gesundheitswirtschaft e. V.",
            "street": "Markt 1",
            "postcode": "04109",
            "city": "Leipzig",
            "vat_id": "DE136695976",
            "email": f"rechnung@{EMAIL_DOMAIN}",
            "phone": "+49 341 000000",
            "iban": "DE02120300000000202051",
            "bic": "BYLADEM1001",
            "bank_name": "Deutsche Kreditbank",
        },
    )
    event = template
    event.pk = None
    event._state.adding = True
    event.slug = PAID_EVENT_SLUG
    event.capacity = None
    event.price_cents = 9500
    event.member_price_cents = 7500
    event.seller = seller
    event.save()
    return event


def paid_registration_targets(event: Event) -> tuple[list[str], str]:
    """The paid event's page and a registration body with billing details."""
    return [event.get_absolute_url()], registration_body(**BILLING)


def paid_confirm_targets(event: Event) -> list[str]:
    """Confirmation links of pending registrations of the paid event, each with its booking,
    as people get them by mail; made anew for every run (used ones confirm nothing)."""
    from core import links
    from events.apps import CONFIRM_PURPOSE
    from events.models import Booking, Registration
    from legal.models import LegalPage

    stamp = time.time_ns()
    bookings = Booking.objects.bulk_create(
        Booking(
            event=event,
            booker_name=f"Bench Bucher {number}",
            booker_email=f"paid-{stamp}-{number}@{PAID_EMAIL_DOMAIN}",
            **BILLING,
        )
        for number in range(PAID_CONFIRMS)
    )
    notice = LegalPage.objects.filter(kind=LegalPage.Kind.PRIVACY).order_by("-version").first()
    registrations = Registration.objects.bulk_create(
        Registration(
            event=event,
            booking=booking,
            name=booking.booker_name,
            email=booking.booker_email,
            language="de",
            organisation_name="Lastprobe GmbH",
            privacy_notice=notice,
            consented_at=timezone.now(),
        )
        for booking in bookings
    )
    return [
        reverse(
            "events:confirm",
            kwargs={
                "token": links.make_token(
                    purpose=CONFIRM_PURPOSE,
                    pk=registration.pk,
                    state=Registration.Status.PENDING,
                )
            },
        )
        for registration in registrations
    ]


def staff_cookie() -> str:
    """A logged-in staff session with a verified second factor, as a Cookie header value."""
    from django.conf import settings
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user, _ = get_user_model().objects.get_or_create(
        username=STAFF_USERNAME,
        defaults={"is_staff": True, "is_superuser": True, "email": "bench@localhost"},
    )
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="bench", defaults={"confirmed": True}
    )
    client = Client(HTTP_HOST=HOST)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


# Each POST comes from its own client, as wrk.lua's do, so that the rate limit counts
# visitors and the figures are those of accepted registrations, not of 429 answers. The
# addresses (in 172.16.0.0/12) start elsewhere each run, so reruns within the limit's window
# do not reuse them.
_clients = itertools.count(time.time_ns() % 2**20)


def next_client() -> str:
    return str(ipaddress.IPv4Address("172.16.0.0") + next(_clients) % 2**20)


def measure(client: Client, method: str, path: str, body: str, cookie: str) -> dict:
    headers = {"HTTP_COOKIE": cookie} if cookie else {}
    if method == "POST":
        address = next_client()
        # Counted alike with or without RATELIMIT_TRUSTED_PROXIES.
        headers |= {"REMOTE_ADDR": address, "HTTP_X_FORWARDED_FOR": address}
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as context:
        if method == "POST":
            email_body = body.replace("{n}", f"queries-{time.time_ns()}")
            response = client.post(
                path, email_body, content_type="application/x-www-form-urlencoded", **headers
            )
        else:
            response = client.get(path, **headers)
    total = (time.perf_counter() - started) * 1000
    sql = sum(float(query["time"]) for query in context.captured_queries) * 1000
    return {
        "status": response.status_code,
        "queries": len(context.captured_queries),
        "ms": total,
        "sql_ms": sql,
    }


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def prepare(output: Path, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 - a choice of pages, not a secret
    paths = choose_paths(rng)
    cookie = staff_cookie()
    registration = registration_targets(rng)
    paid = paid_event() if registration is not None else None
    pages = []
    client = Client(HTTP_HOST=HOST)
    for key, label, kind in PAGES:
        page = {"key": key, "label": label, "kind": kind, "method": "GET", "cookie": "", "body": ""}
        if key == "registration_post":
            if registration is None:
                pages.append(page | {"available": False, "why": "no registration form on events"})
                continue
            page_paths, body = registration
            page |= {"method": "POST", "body": body, "cookie": f"csrftoken={CSRF_SECRET}"}
        elif key in ("paid_registration_post", "paid_confirm"):
            if paid is None:
                pages.append(page | {"available": False, "why": "no paid events in this portal"})
                continue
            if key == "paid_registration_post":
                page_paths, body = paid_registration_targets(paid)
            else:
                page_paths, body = paid_confirm_targets(paid), f"csrfmiddlewaretoken={CSRF_SECRET}"
                page["consume"] = True
            page |= {"method": "POST", "body": body, "cookie": f"csrftoken={CSRF_SECRET}"}
        elif key not in paths:
            pages.append(page | {"available": False, "why": "not in this portal"})
            continue
        else:
            page_paths = paths[key]
        if key == "admin_changelist":
            page["cookie"] = cookie
        samples, cold_samples = [], []
        if page.get("consume"):
            # A link confirms once: the first few are measured, one request each, and the
            # rest go to wrk.
            measured, page_paths = (
                page_paths[:PAID_CONFIRMS_INPROCESS],
                page_paths[PAID_CONFIRMS_INPROCESS:],
            )
            samples = [
                measure(client, "POST", path, page["body"], page["cookie"]) for path in measured
            ]
            cold_samples = samples
            answered = [s["status"] for s in samples]
            kept = page_paths if all(status == 302 for status in answered) else []
            dropped = {} if kept else {path: s for path, s in zip(measured, answered, strict=True)}
        else:
            for path in page_paths:
                # The first request renders every fragment (cold); the second is what a visitor
                # after the first one gets until the data changes (cached fragments).
                cold_samples.append(
                    measure(client, page["method"], path, page["body"], page["cookie"])
                )
                samples.append(measure(client, page["method"], path, page["body"], page["cookie"]))
            kept = [
                p for p, s in zip(page_paths, samples, strict=True) if s["status"] in (200, 302)
            ]
            dropped = {
                p: s["status"] for p, s in zip(page_paths, samples, strict=True) if p not in kept
            }
        good = [s for s in samples if s["status"] in (200, 302)]
        cold = [s for s in cold_samples if s["status"] in (200, 302)]
        queries = [s["queries"] for s in good]
        pages.append(
            page
            | {
                "available": bool(kept),
                "paths": kept,
                "dropped": dropped,
                "queries_min": min(queries, default=0),
                "queries_max": max(queries, default=0),
                "inprocess_ms": median([s["ms"] for s in good]),
                "inprocess_sql_ms": median([s["sql_ms"] for s in good]),
                "cold_queries_max": max((s["queries"] for s in cold), default=0),
                "cold_inprocess_ms": median([s["ms"] for s in cold]),
                "cold_inprocess_sql_ms": median([s["sql_ms"] for s in cold]),
            }
        )
    # The long tail: each page type once more with paths drawn from the whole population
    # (its query counts are those of the sample above, which the long tail contains).
    populations = long_tail_populations(rng)
    for page in list(pages):
        population = populations.get(page["key"])
        if not page["available"] or not population:
            continue
        pages.append(
            page
            | {
                "key": f"{page['key']}_long_tail",
                "label": f"{page['label']}, long tail ({len(population)} paths)",
                "paths": visitors_and_crawlers(rng, population, LONG_TAIL_PATHS),
                "population": len(population),
            }
        )
    floor_samples = [measure(client, "GET", "/bench/floor/", "", "") for _ in range(21)]
    floor = floor_samples[-1] | {"ms": median([s["ms"] for s in floor_samples[1:]])}
    data = {
        "floor": floor,
        "counts": {
            "organisations": Organisation.objects.count(),
            "members": Organisation.objects.members().count(),
            "events": Event.objects.count(),
            "cooperations": Cooperation.objects.count(),
        },
        "pages": pages,
        "stream_writes": {"access_requests": access_request_targets(rng)},
    }
    output.write_text(json.dumps(data, indent=2, ensure_ascii=False))


def count_registrations() -> None:
    model = get_model("events.Registration")
    count = model.objects.filter(email__endswith=EMAIL_DOMAIN).count() if model else 0
    print(json.dumps({"stored_registrations": count}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("output", nargs="?", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count-registrations", action="store_true")
    args = parser.parse_args()
    if args.count_registrations:
        count_registrations()
    else:
        prepare(args.output, args.seed)
