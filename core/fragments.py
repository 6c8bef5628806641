"""Rendered page fragments, cached until something they show changes.

The expensive part of a public page (a list of cards, a profile, an agenda) is rendered once and
then served from the `fragments` cache:

    {% load fragments %}
    {% fragment "members:list" on "members regions" %} ... {% endfragment %}
    {% fragment "members:detail" on "members:profile:{pk} members:taxonomy" pk=organisation.pk %}
    {% fragment "events:list" on "events regions members" per "minute" %} ... {% endfragment %}

**Topics.** A fragment names the *topics* it shows. Each topic has a random token in the
`ContentVersion` table, and the fragment's cache key holds the tokens of its topics (with the
fragment's name, the language, and the page's address with its query string). A change replaces
the tokens of the topics it affects once its transaction commits, so the next request renders
the fragments that show them afresh, and only those.

- An app label (`members`, `events`) is the topic of the app's content in general: every change
  of a model of a content app that declares nothing else replaces it. A fragment that names its
  app labels is safe whatever models the app gains.
- A model declares what its changes affect, in its app's `fragments.py` (found at start, see
  `core.portal`): `affects(Registration, "events:participants:{event_id}", when=...)` (a topic
  per object, formatted with the instance's attributes), `affects(Organisation, "members",
  "members:profile:{pk}")`, `affects(AccessLink)` (nothing public). Many-to-many relations
  declare their through model (`Organisation.sectors.through`), formatted with the row's
  columns (`{organisation_id}`).
- A fragment that leaves out an app label and names narrower topics (a profile: its own
  `members:profile:{pk}`) must name a topic of every model of that app it shows.

Writes that send no signals (`QuerySet.update()`, `bulk_create()`) call `content_changed()` with
the topics themselves. A fragment that depends on the clock ("upcoming" events) also carries the
current minute or day in its key, and every fragment expires after `FRAGMENT_CACHE_TIMEOUT`
seconds in any case, which bounds what a forgotten `content_changed()` could cost.

**Live parts.** What changes by the second inside a cached fragment (the places left on an event
card) is a *live part*: `{% live "events:places" event.pk %}` leaves a marker in the stored HTML,
and `LivePartsMiddleware` replaces every marker of the response, one query per kind of part for
the whole page (`register_live_part()`). So a registration never renders a fragment again.

**Guarantee.** The tokens are shared by every process (PostgreSQL). A request reads the tokens
before the data of its fragments, and a token is replaced only after the change is committed, so
no visitor is served a fragment from before a change they could see in the database.

**Where fragments live.** In each worker's memory (`fragments`, a LocMemCache) and, when
`REDIS_URL` is set, also in Redis (`fragments_shared`), so that a fragment one worker rendered
is served by all: a key names one rendering of its data, so the two tiers can never disagree.

Only GET requests of anonymous visitors get cached fragments (staff may see drafts and edit
links; a form sent back shows the visitor's own values), and a fragment that contains a CSRF
token is never stored.

Large documents rendered seldom (the sitemap's pages, `core.sitemaps`) use the same keys in
Django's shared `default` cache instead (`cache_alias`), rendered once for all workers and kept
out of the workers' memory.
"""

import functools
import hashlib
import re
import string
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.exceptions import ImproperlyConfigured
from django.core.paginator import Paginator
from django.db import connection, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_init, post_save
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe

CACHE_ALIAS = "fragments"
# The second tier, shared by every worker (Redis), when configured.
SHARED_CACHE_ALIAS = "fragments_shared"
DEFAULT_TIMEOUT = 600  # seconds
PERIODS = {
    "minute": "%Y%m%d%H%M",
    "day": "%Y%m%d",
}
CSRF_FIELD = 'name="csrfmiddlewaretoken"'
# A topic: an app label, then names or keys separated by colons ("events:participants:12").
TOPIC = re.compile(r"[a-z][a-z0-9_]*(?::[A-Za-z0-9_.-]+)*")


def content_apps() -> tuple[str, ...]:
    """The apps whose objects appear on public pages (settings.CONTENT_APPS); their labels are
    topics, and their models' changes replace topics."""
    return tuple(settings.CONTENT_APPS)


def fragment_cache(alias: str = CACHE_ALIAS):
    return caches[alias]


def shared_cache():
    """The cache every worker shares for fragments (Redis), or None."""
    return caches[SHARED_CACHE_ALIAS] if SHARED_CACHE_ALIAS in settings.CACHES else None


def caching_enabled(alias: str = CACHE_ALIAS) -> bool:
    # A test that is about rendering without the cache switches it off (DummyCache, the
    # `fragment_cache_off` fixture): then nothing is read for keys either.
    return not isinstance(fragment_cache(alias), DummyCache)


# --- what a change affects ---------------------------------------------------------------------


def _fields(pattern: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(pattern) if name}


def _check_pattern(pattern: str) -> None:
    example = pattern.format_map({name: "1" for name in _fields(pattern)})
    if not TOPIC.fullmatch(example) or example.split(":")[0] not in content_apps():
        raise ImproperlyConfigured(
            f"{pattern!r} is not a topic: an app label of settings.CONTENT_APPS, then names or "
            "{attributes} separated by colons"
        )


@dataclass(frozen=True)
class Declaration:
    """What a change of one model affects: topics formatted with the instance's attributes
    (or a through model's row), as far as `when` lets them (see `affects`)."""

    topics: tuple[str, ...]
    when: Callable | None = None

    def selected(self, instance, created: bool, update_fields) -> tuple[str, ...]:
        if self.when is None:
            return self.topics
        chosen = self.when(instance, created, update_fields)
        if chosen is True:
            return self.topics
        if not chosen:
            return ()
        chosen = tuple(chosen)
        if not set(chosen) <= set(self.topics):
            raise ImproperlyConfigured(f"{chosen} are not all among {self.topics}")
        return chosen

    def format(self, values, patterns=None) -> list[str]:
        return [
            pattern.format_map(values)
            for pattern in (self.topics if patterns is None else patterns)
        ]


_declarations: dict[type, Declaration] = {}
# Topics published only by content_changed() calls, declared so that fragments may name them.
_declared_topics: set[str] = set()


def affects(model, *topics: str, when: Callable | None = None, tracks: Iterable[str] = ()) -> None:
    """Declare the topics a change of `model` affects (none: it shows on no public page).

    `topics` may name the instance's attributes (`"members:profile:{pk}"`); for the through
    model of a many-to-many relation, its columns (`"{organisation_id}"`).
    `when(instance, created, update_fields)` decides per save or deletion what it affects: True
    (all the topics), False (nothing: a new, unconfirmed registration shows nowhere) or some of
    the topics; a deletion passes `created=False` and `update_fields=None`. `tracks` names
    fields whose values as last read from the database `loaded_values(instance)` gives `when`
    (None when they were not all read), so that it can tell what a change takes away.
    """
    if model in _declarations:
        raise ImproperlyConfigured(f"What {model.__name__} affects is declared twice.")
    for pattern in topics:
        _check_pattern(pattern)
    if model._meta.auto_created:
        targets = [f.related_model for f in model._meta.fields if f.is_relation]
        if len(set(targets)) != len(targets):
            raise ImproperlyConfigured("A relation of a model with itself cannot declare topics.")
    _declarations[model] = Declaration(tuple(topics), when)
    _static_topics.cache_clear()
    tracks = tuple(model._meta.get_field(name).attname for name in tracks)
    if tracks:
        post_init.connect(
            _Remember(tracks), sender=model, weak=False, dispatch_uid=f"fragments-{model._meta}"
        )


class _Remember:
    """post_init receiver: keep the tracked fields' values as read (see `loaded_values`)."""

    def __init__(self, attnames: tuple[str, ...]):
        self.attnames = attnames

    def __call__(self, sender, instance, **kwargs):
        remember(instance, self.attnames)


def remember(instance, attnames=None) -> None:
    values = instance.__dict__
    attnames = attnames or tuple(values.get("_fragments_loaded") or ())
    if attnames and all(name in values for name in attnames):
        values["_fragments_loaded"] = {name: values[name] for name in attnames}


def loaded_values(instance) -> dict | None:
    """The tracked fields' values as the instance was last read or saved, or None."""
    if instance._state.adding:
        return None
    return instance.__dict__.get("_fragments_loaded")


def declare_topic(pattern: str) -> str:
    """A topic that only `content_changed()` calls publish (no model declares it)."""
    _check_pattern(pattern)
    _declared_topics.add(pattern)
    _static_topics.cache_clear()
    return pattern


def declaration(model) -> Declaration | None:
    found = _declarations.get(model)
    if found is None and not model._meta.auto_created:
        found = _declarations.get(model._meta.concrete_model)
    return found


def known_patterns() -> set[str]:
    """Every topic (pattern) a fragment may name: app labels and what is declared."""
    patterns = set(content_apps()) | _declared_topics
    for declared in _declarations.values():
        patterns.update(declared.topics)
    return patterns


def shape(pattern: str) -> str:
    """The pattern with its fields unnamed: "events:participants:{event_id}" and a fragment's
    "events:participants:{pk}" name the same topics."""
    return "".join(
        text + ("{}" if name is not None else "")
        for text, name, _spec, _conv in string.Formatter().parse(pattern)
    )


def known_shapes() -> set[str]:
    return {shape(pattern) for pattern in known_patterns()}


@functools.cache
def _static_topics() -> frozenset[str]:
    """The topics without a key: read with the first fragment of every request."""
    return frozenset(pattern for pattern in known_patterns() if not _fields(pattern))


# --- publishing --------------------------------------------------------------------------------


def _publish(topics: list[str], using: str | None = None) -> None:
    from .models import ContentVersion

    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    # One statement, committed without waiting for the disk (synchronous_commit off for its own
    # transaction alone: set_config(..., true) in the statement), so concurrent writers of one
    # topic hold its row for an instant only. A database crash may lose the newest token: the
    # fragments of that moment then live until they expire (FRAGMENT_CACHE_TIMEOUT).
    # The token is made here, not taken from the pending publish: a fragment rendered inside
    # the writing transaction may miss what another transaction committed meanwhile, so the
    # keys of pending changes must never be used once the change is committed.
    with connections[using or "default"].cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (topic, token, changed_at) "  # noqa: S608 - our table
            "SELECT topic, gen_random_uuid(), statement_timestamp() "
            "FROM unnest(%s::varchar[]) AS topics (topic), "
            "(SELECT set_config('synchronous_commit', 'off', true)) AS local_setting "
            "ON CONFLICT (topic) DO UPDATE SET token = EXCLUDED.token, "
            "changed_at = EXCLUDED.changed_at",
            [sorted(set(topics))],
        )


class _PendingPublish:
    """An on-commit callback that replaces one topic's token, with the key of its change.

    Until the transaction commits, `token` stands for the topic's data as this transaction sees
    it: fragments rendered by this connection are keyed by it, so a request served inside the
    transaction that wrote never gets a fragment from before its own change. It is made afresh
    on every further change of the topic in the same scope.
    """

    def __init__(self, topic: str, using: str | None):
        self.topic = topic
        self.using = using
        self.token = f"pending-{uuid.uuid4()}"

    def __call__(self) -> None:
        _publish([self.topic], self.using)

    def __repr__(self) -> str:
        return f"<publish {self.topic}>"


def content_changed(*topics: str, using: str | None = None) -> None:
    """What these topics show changed: replace their tokens when the transaction commits.

    Called by the signal handlers below, and by code that writes with `QuerySet.update()` or
    `bulk_create()`. Within one transaction each topic's token is replaced once (once per
    savepoint that a later change happens in, so that a rolled-back savepoint takes its keys
    with it); meanwhile the pending publish carries a new key for every change.
    """
    unknown = [t for t in topics if not TOPIC.fullmatch(t) or t.split(":")[0] not in content_apps()]
    if unknown:
        raise ValueError(f"not content apps' topics: {sorted(unknown)}")
    conn = transaction.get_connection(using)
    for topic in dict.fromkeys(topics):
        pending = _pending_publish(conn, topic) if conn.in_atomic_block else None
        if pending is not None:
            pending.token = f"pending-{uuid.uuid4()}"
        else:
            transaction.on_commit(_PendingPublish(topic, using), using=using)


def _pending_publish(conn, topic: str) -> _PendingPublish | None:
    """The newest publish of this topic that a change made now may join.

    Joining is safe when every savepoint that could undo this change also drops the publish
    (Django drops the callbacks registered inside a savepoint that is rolled back). A publish
    registered further out is kept for its own change: a rollback of the current savepoint
    must bring back the key that shows the data without this change.
    """
    for savepoints, callback, _robust in reversed(conn.run_on_commit):
        if isinstance(callback, _PendingPublish) and callback.topic == topic:
            return callback if set(conn.savepoint_ids) <= savepoints else None
    return None


# --- reading the tokens ------------------------------------------------------------------------


def pending_versions() -> dict[str, str]:
    """The keys of this connection's changes that are not yet committed (no query)."""
    if not connection.in_atomic_block:
        return {}
    return {
        callback.topic: callback.token
        for _savepoints, callback, _robust in connection.run_on_commit
        if isinstance(callback, _PendingPublish)
    }


def committed_versions(topics: Iterable[str] | None = None) -> dict[str, str]:
    """The committed tokens of these topics (all when None), in one query; a topic that never
    changed has no row."""
    from .models import ContentVersion

    rows = ContentVersion.objects.all()
    if topics is not None:
        rows = rows.filter(topic__in=list(topics))
    return {topic: str(token) for topic, token in rows.values_list("topic", "token")}


def content_versions(topics: Iterable[str] | None = None) -> dict[str, str]:
    """The tokens as this connection sees its data: the committed tokens, with the keys of its
    own pending changes over them."""
    return {**committed_versions(topics), **pending_versions()}


def request_versions(request, topics: Iterable[str]) -> dict[str, str]:
    """The tokens of these topics as this request first saw them, with the keys of the changes
    it has made itself since over them.

    The first call of a request reads every topic without a key (the app labels and the like)
    along with the topics asked for, in one query; a later fragment reads only topics not yet
    seen (a page's fragments usually name the same object's topics, so one query a request).
    """
    topics = list(topics)
    seen = getattr(request, "_content_versions", None)
    if seen is None:
        seen = request._content_versions = {}
        wanted = set(topics) | _static_topics() | getattr(request, "_expected_topics", set())
    else:
        wanted = set(topics) - seen.keys()
    if wanted:
        found = committed_versions(wanted)
        seen.update({topic: found.get(topic, "") for topic in wanted})
    pending = pending_versions()
    return {topic: pending.get(topic, seen[topic]) for topic in topics}


def expect_topics(request, *topics: str) -> None:
    """Topics with a key that a later fragment of the page names: read with the first one, so
    that the page's tokens still cost one query."""
    if not hasattr(request, "_expected_topics"):
        request._expected_topics = set()
    request._expected_topics.update(topics)


def personalised(request) -> bool:
    """Whether the page may differ for this visitor (signed in: drafts, edit links)."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def fragment_key(
    request, name: str, topics: Iterable[str], per: str | None = None, address: str | None = None
) -> str:
    """The key of a fragment: its name and language, the request's scheme, host and address
    (by default the full path with the query string; a caller that knows which parameters
    matter passes its own), the tokens of the topics it shows, and the clock where it needs
    it."""
    topics = list(topics)
    versions = request_versions(request, topics)
    parts = [
        request.scheme,
        request.get_host(),
        request.get_full_path() if address is None else address,
        *(f"{topic}={versions[topic]}" for topic in topics),
    ]
    if per:
        parts.append(timezone.localtime().strftime(PERIODS[per]))
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"fragment:{name}:{translation.get_language()}:{digest}"


def cached_fragment(
    request,
    name: str,
    topics: Iterable[str],
    render,
    per=None,
    *,
    cache_alias: str = CACHE_ALIAS,
    address: str | None = None,
    timeout: int | None = None,
) -> str:
    """The fragment from the cache, else `render()`'s result, stored for the next request.

    `cache_alias`, `address` and `timeout` (default `FRAGMENT_CACHE_TIMEOUT`) are for callers
    other than the `{% fragment %}` tag, such as the sitemap's pages; the tag's fragments are
    also shared through Redis when it is configured.
    """
    if (
        request is None
        or request.method not in ("GET", "HEAD")  # a form sent back shows its own values
        or not caching_enabled(cache_alias)
        or personalised(request)
    ):
        return render()
    cache = fragment_cache(cache_alias)
    shared = shared_cache() if cache_alias == CACHE_ALIAS else None
    key = fragment_key(request, name, topics, per, address)
    html = cache.get(key)
    if html is None and shared is not None:
        html = shared.get(key)
        if html is not None:
            cache.set(key, html, _timeout(timeout))
    if html is None:
        html = render()
        if CSRF_FIELD not in html:
            cache.set(key, html, _timeout(timeout))
            if shared is not None:
                shared.set(key, html, _timeout(timeout))
    if not hasattr(request, LIVE_ATTRIBUTE):
        # No LivePartsMiddleware on this request's way out (a template rendered by hand).
        html = fill_live_parts(html, request)
    return html


def cached_value(request, name: str, topics: Iterable[str], compute, *, address: str):
    """A value (a count, a list of choices) cached like a fragment, under the tokens of the
    topics it comes from: computed once per change and `address` (the parameters it depends
    on), in both tiers, for every page that shows it."""
    if request is None or not caching_enabled() or personalised(request):
        return compute()
    key = "value:" + fragment_key(request, name, topics, address=address)
    cache, shared = fragment_cache(), shared_cache()
    found = cache.get(key)
    if found is None and shared is not None:
        found = shared.get(key)
        if found is not None:
            cache.set(key, found, _timeout(None))
    if found is None:
        found = (compute(),)  # a tuple: a value of None is cached too
        cache.set(key, found, _timeout(None))
        if shared is not None:
            shared.set(key, found, _timeout(None))
    return found[0]


def _timeout(timeout: int | None) -> int:
    if timeout is None:
        return getattr(settings, "FRAGMENT_CACHE_TIMEOUT", DEFAULT_TIMEOUT)
    return timeout


def lazy_page(request, filterset, per_page: int):
    """The requested page of a filter set's results, read only when a template first uses it
    (not at all while the fragment that shows it is cached)."""
    return SimpleLazyObject(
        lambda: Paginator(filterset.qs, per_page).get_page(request.GET.get("page"))
    )


# --- live parts --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LivePart:
    """A part of a page that is never cached: `load(keys)` reads the objects of every marker of
    the page in one query ({key: object}); `render(object, variant)` is the text put in place of
    one marker (object None when it no longer exists)."""

    load: Callable[[list[str]], dict[str, object]]
    render: Callable[[object, str], str]


live_parts: dict[str, LivePart] = {}
LIVE_ATTRIBUTE = "_live_parts"
_MARKER = re.compile(
    r"%%live:(?P<nonce>[0-9a-f]{16})\|(?P<name>[a-z0-9_:]+)\|(?P<key>[\w.-]+)\|(?P<variant>\w*)%%"
)


def register_live_part(name: str, *, load, render) -> None:
    if name in live_parts:
        raise ImproperlyConfigured(f"The live part {name!r} is declared twice.")
    live_parts[name] = LivePart(load, render)


def _nonce() -> str:
    # Derived from the secret key: the same in every worker (a marker stored in a shared cache
    # is filled by any of them), and text a visitor wrote can never pass for a marker.
    return _nonce_of(settings.SECRET_KEY)


@functools.lru_cache(maxsize=4)
def _nonce_of(secret: str) -> str:
    return salted_hmac("core.fragments.live", "marker", secret, algorithm="sha256").hexdigest()[:16]


def live_marker(name: str, key, variant: str = "") -> str:
    """The marker of a live part: ASCII that neither HTML nor JSON escaping changes."""
    if name not in live_parts:
        raise ImproperlyConfigured(f"No live part {name!r} is declared.")
    return mark_safe(f"%%live:{_nonce()}|{name}|{key}|{variant}%%")  # noqa: S308 - our ASCII


def prime(request, name: str, objects: dict) -> None:
    """Objects a view has already read for a live part, so that filling it costs no query."""
    if request is not None and hasattr(request, LIVE_ATTRIBUTE):
        getattr(request, LIVE_ATTRIBUTE).setdefault(name, {}).update(
            {str(key): obj for key, obj in objects.items()}
        )


def fill_live_parts(text: str, request=None) -> str:
    """`text` with every live part's marker replaced by its current value."""
    if "%%live:" not in text:
        return text
    nonce = _nonce()
    wanted: dict[str, set[str]] = {}
    for match in _MARKER.finditer(text):
        if match["nonce"] == nonce and match["name"] in live_parts:
            wanted.setdefault(match["name"], set()).add(match["key"])
    if not wanted:
        return text
    primed = getattr(request, LIVE_ATTRIBUTE, {}) if request is not None else {}
    objects = {}
    for name, keys in wanted.items():
        known = primed.get(name, {})
        missing = sorted(keys - known.keys())
        loaded = live_parts[name].load(missing) if missing else {}
        objects[name] = {**known, **{str(k): v for k, v in loaded.items()}}

    def replace(match: re.Match) -> str:
        if match["nonce"] != nonce or match["name"] not in live_parts:
            return match[0]
        part = live_parts[match["name"]]
        return str(part.render(objects[match["name"]].get(match["key"]), match["variant"]))

    return _MARKER.sub(replace, text)


class LivePartsMiddleware:
    """Fill the live parts of every HTML page on its way out (see `live_marker`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        setattr(request, LIVE_ATTRIBUTE, {})
        response = self.get_response(request)
        if (
            not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and b"%%live:" in response.content
        ):
            charset = response.charset or "utf-8"
            response.content = fill_live_parts(response.content.decode(charset), request).encode(
                charset
            )
        return response


# --- signals -----------------------------------------------------------------------------------


class _Attributes(dict):
    """An instance's attributes for str.format_map (`{pk}`, `{event_id}`)."""

    def __init__(self, instance):
        super().__init__()
        self.instance = instance

    def __missing__(self, name):
        return getattr(self.instance, name)


def _app_of(model) -> str | None:
    label = model._meta.app_label
    return label if label in content_apps() else None


def _historical(model) -> bool:
    """A model of a migration's state (RunPython, a migration test), not the app's own. Its
    changes publish nothing: while migrations run, the ContentVersion table may not yet (or no
    longer) have today's columns. Fragments live in the workers that a deployment restarts
    (and expire after FRAGMENT_CACHE_TIMEOUT in Redis)."""
    return model.__module__ == "__fake__"


def _topics_of(sender, instance, created: bool, update_fields=None) -> list[str]:
    if _historical(sender):
        return []
    declared = declaration(sender)
    if declared is None:
        label = _app_of(sender)
        return [label] if label else []
    patterns = declared.selected(instance, created, update_fields)
    return declared.format(_Attributes(instance), patterns) if patterns else []


def _saved(sender, instance, created=False, update_fields=None, using=None, **kwargs):
    topics = _topics_of(sender, instance, created, update_fields)
    if topics:
        content_changed(*topics, using=using)
    if "_fragments_loaded" in instance.__dict__:
        remember(instance)  # the next save of this instance compares with what it wrote


def _deleted(sender, instance, using=None, **kwargs):
    topics = _topics_of(sender, instance, False)
    if topics:
        content_changed(*topics, using=using)


def _through_columns(through, instance, model) -> tuple[str, str]:
    """The through model's columns that point at `instance`'s side and at `model`'s side."""
    concrete = instance._meta.concrete_model
    own = next(f for f in through._meta.fields if f.is_relation and f.related_model is concrete)
    other = next(
        f for f in through._meta.fields if f.is_relation and f.related_model is model and f != own
    )
    return own.attname, other.attname


def _relation_changed(sender, instance, action, model, pk_set=None, using=None, **kwargs):
    if _historical(sender):
        return
    declared = declaration(sender)
    if declared is None:
        if action.startswith("post_"):
            labels = {_app_of(sender), _app_of(type(instance)), _app_of(model)} - {None}
            if labels:
                content_changed(*sorted(labels), using=using)
        return
    own, other = _through_columns(sender, instance, model)
    if action == "pre_clear":
        # The rows are gone after the clear: remember which ones it removes.
        instance._fragments_cleared = list(
            sender.objects.using(using or "default")
            .filter(**{own: instance.pk})
            .values_list(other, flat=True)
        )
        return
    if not action.startswith("post_"):
        return
    related = pk_set if action != "post_clear" else instance.__dict__.pop("_fragments_cleared", [])
    topics = []
    for pk in related or ():
        topics += declared.format({own: instance.pk, other: pk})
    if topics:
        content_changed(*topics, using=using)


def connect_signals() -> None:
    post_save.connect(_saved, dispatch_uid="fragments-post-save")
    post_delete.connect(_deleted, dispatch_uid="fragments-post-delete")
    m2m_changed.connect(_relation_changed, dispatch_uid="fragments-m2m")
