"""Rendered page fragments, cached until the data they show changes.

The expensive part of a public page (a list of cards, a profile, an agenda) is rendered once and
then served from the `fragments` cache:

    {% load fragments %}
    {% fragment "members:list" on "members regions" %} ... {% endfragment %}
    {% fragment "events:list" on "events regions" per "minute" %} ... {% endfragment %}

A fragment names the apps whose data it shows. Each of those apps has a *content version*, a
random token in the `ContentVersion` table, and the fragment's cache key holds the tokens (with
the fragment's name, the language, and the page's address with its query string). Saving or
deleting any object of a content app, or changing one of its many-to-many relations, replaces
that app's token once the transaction commits, so the next request renders the fragment afresh.
Writes that send no signals (`QuerySet.update()`, `bulk_create()`) call `content_changed()`
themselves. A fragment that depends on the clock ("upcoming" events) also carries the current
minute or day in its key, and every fragment expires after `FRAGMENT_CACHE_TIMEOUT` seconds in
any case, which bounds what a forgotten `content_changed()` could cost.

The tokens are shared by every process (PostgreSQL); the rendered fragments live in each
worker's own memory. A worker may render a fragment once more than needed, but it can never
serve one from before a change it could see in the database: the tokens are read in one query
before the fragment, and a token is replaced only after the change is committed.

Only GET requests of anonymous visitors get cached fragments (staff may see drafts and edit
links; a form sent back shows the visitor's own values), and a fragment that contains a CSRF
token is never stored.

Large documents rendered seldom (the sitemap's pages, `core.sitemaps`) use the same
keys in Django's shared `default` cache instead (`cache_alias`), rendered once for all workers
and kept out of the workers' memory.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject

CACHE_ALIAS = "fragments"
DEFAULT_TIMEOUT = 600  # seconds
PERIODS = {
    "minute": "%Y%m%d%H%M",
    "day": "%Y%m%d",
}
CSRF_FIELD = 'name="csrfmiddlewaretoken"'


def content_apps() -> tuple[str, ...]:
    """The apps whose objects appear on public pages (settings.CONTENT_APPS); their models'
    changes replace their token."""
    return tuple(settings.CONTENT_APPS)


def fragment_cache(alias: str = CACHE_ALIAS):
    return caches[alias]


def caching_enabled(alias: str = CACHE_ALIAS) -> bool:
    # A test that is about rendering without the cache switches it off (DummyCache, the
    # `fragment_cache_off` fixture): then nothing is read for keys either.
    return not isinstance(fragment_cache(alias), DummyCache)


def _publish(app_label: str) -> None:
    from .models import ContentVersion

    if app_label not in content_apps():
        raise ValueError(f"{app_label!r} is not a content app")
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    # One statement, committed without waiting for the disk (synchronous_commit off for this
    # transaction alone), so concurrent writers of one app hold its row for an instant only.
    # A database crash may lose the newest token: the fragments of that moment then live
    # until they expire (FRAGMENT_CACHE_TIMEOUT). A DO block takes no parameters; both values
    # are checked above or made here.
    # The token is made here, not taken from the pending publish: a fragment rendered inside
    # the writing transaction may miss what another transaction committed meanwhile, so the
    # keys of pending changes must never be used once the change is committed.
    token = uuid.uuid4()
    with connection.cursor() as cursor:
        cursor.execute(
            "DO $$ BEGIN SET LOCAL synchronous_commit TO OFF; "  # noqa: S608 - values checked
            f"INSERT INTO {table} (app_label, token, changed_at) "
            f"VALUES ('{app_label}', '{token}'::uuid, statement_timestamp()) "
            "ON CONFLICT (app_label) DO UPDATE SET token = EXCLUDED.token, "
            "changed_at = EXCLUDED.changed_at; END $$"
        )


class _PendingPublish:
    """An on-commit callback that replaces one app's token, with the key of its change.

    Until the transaction commits, `token` stands for the app's data as this transaction sees
    it: fragments rendered by this connection are keyed by it, so a request served inside the
    transaction that wrote never gets a fragment from before its own change. It is made afresh
    on every further change of the app in the same scope.
    """

    def __init__(self, app_label: str):
        self.content_app = app_label
        self.token = f"pending-{uuid.uuid4()}"

    def __call__(self) -> None:
        _publish(self.content_app)

    def __repr__(self) -> str:
        return f"<publish {self.content_app}>"


def content_changed(*app_labels: str, using: str | None = None) -> None:
    """The data of these apps changed: replace their tokens when the transaction commits.

    Called by the signal handlers below, and by code that writes with `QuerySet.update()` or
    `bulk_create()`. Within one transaction each app's token is replaced once (once per
    savepoint that a later change happens in, so that a rolled-back savepoint takes its keys
    with it); meanwhile the pending publish carries a new key for every change.
    """
    unknown = set(app_labels) - set(content_apps())
    if unknown:
        raise ValueError(f"not content apps: {sorted(unknown)}")
    conn = transaction.get_connection(using)
    for app_label in dict.fromkeys(app_labels):
        pending = _pending_publish(conn, app_label) if conn.in_atomic_block else None
        if pending is not None:
            pending.token = f"pending-{uuid.uuid4()}"
        else:
            transaction.on_commit(_PendingPublish(app_label), using=using)


def _pending_publish(conn, app_label: str) -> _PendingPublish | None:
    """The newest publish of this app that a change made now may join.

    Joining is safe when every savepoint that could undo this change also drops the publish
    (Django drops the callbacks registered inside a savepoint that is rolled back). A publish
    registered further out is kept for its own change: a rollback of the current savepoint
    must bring back the key that shows the data without this change.
    """
    for savepoints, callback, _robust in reversed(conn.run_on_commit):
        if isinstance(callback, _PendingPublish) and callback.content_app == app_label:
            return callback if set(conn.savepoint_ids) <= savepoints else None
    return None


def pending_versions() -> dict[str, str]:
    """The keys of this connection's changes that are not yet committed (no query)."""
    if not connection.in_atomic_block:
        return {}
    return {
        callback.content_app: callback.token
        for _savepoints, callback, _robust in connection.run_on_commit
        if isinstance(callback, _PendingPublish)
    }


def committed_versions() -> dict[str, str]:
    """Every content app's committed token, in one query."""
    from .models import ContentVersion

    return {
        app_label: str(token)
        for app_label, token in ContentVersion.objects.values_list("app_label", "token")
    }


def content_versions() -> dict[str, str]:
    """Every content app's token as this connection sees its data: the committed tokens, with
    the keys of its own pending changes over them."""
    return {**committed_versions(), **pending_versions()}


def request_versions(request) -> dict[str, str]:
    """The tokens as this request first saw them (one query per request at most), with the
    keys of the changes it has made itself since over them."""
    committed = getattr(request, "_content_versions", None)
    if committed is None:
        committed = request._content_versions = committed_versions()
    return {**committed, **pending_versions()}


def personalised(request) -> bool:
    """Whether the page may differ for this visitor (signed in: drafts, edit links)."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def fragment_key(
    request, name: str, apps: tuple[str, ...], per: str | None = None, address: str | None = None
) -> str:
    """The key of a fragment: its name and language, the request's scheme, host and address
    (by default the full path with the query string; a caller that knows which parameters
    matter passes its own), the tokens of the apps it shows, and the clock where it needs it."""
    versions = request_versions(request)
    parts = [
        request.scheme,
        request.get_host(),
        request.get_full_path() if address is None else address,
        *(f"{app}={versions.get(app, '')}" for app in apps),
    ]
    if per:
        parts.append(timezone.localtime().strftime(PERIODS[per]))
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"fragment:{name}:{translation.get_language()}:{digest}"


def cached_fragment(
    request,
    name: str,
    apps: tuple[str, ...],
    render,
    per=None,
    *,
    cache_alias: str = CACHE_ALIAS,
    address: str | None = None,
    timeout: int | None = None,
) -> str:
    """The fragment from the cache, else `render()`'s result, stored for the next request.

    `cache_alias`, `address` and `timeout` (default `FRAGMENT_CACHE_TIMEOUT`) are for callers
    other than the `{% fragment %}` tag, such as the sitemap's pages.
    """
    if (
        request is None
        or request.method not in ("GET", "HEAD")  # a form sent back shows its own values
        or not caching_enabled(cache_alias)
        or personalised(request)
    ):
        return render()
    cache = fragment_cache(cache_alias)
    key = fragment_key(request, name, apps, per, address)
    html = cache.get(key)
    if html is None:
        html = render()
        if CSRF_FIELD not in html:
            if timeout is None:
                timeout = getattr(settings, "FRAGMENT_CACHE_TIMEOUT", DEFAULT_TIMEOUT)
            cache.set(key, html, timeout)
    return html


def lazy_page(request, filterset, per_page: int):
    """The requested page of a filter set's results, read only when a template first uses it
    (not at all while the fragment that shows it is cached)."""
    return SimpleLazyObject(
        lambda: Paginator(filterset.qs, per_page).get_page(request.GET.get("page"))
    )


# --- signals ------------------------------------------------------------------------------------


def _app_of(model) -> str | None:
    label = model._meta.app_label
    return label if label in content_apps() else None


def _saved_or_deleted(sender, using=None, **kwargs):
    app_label = _app_of(sender)
    if app_label:
        content_changed(app_label, using=using)


def _relation_changed(sender, instance, model, action, using=None, **kwargs):
    if not action.startswith("post_"):
        return
    labels = {_app_of(sender), _app_of(type(instance)), _app_of(model)} - {None}
    if labels:
        content_changed(*sorted(labels), using=using)


def connect_signals() -> None:
    post_save.connect(_saved_or_deleted, dispatch_uid="fragments-post-save")
    post_delete.connect(_saved_or_deleted, dispatch_uid="fragments-post-delete")
    m2m_changed.connect(_relation_changed, dispatch_uid="fragments-m2m")
