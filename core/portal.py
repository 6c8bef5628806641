"""The portal's site-wide lists, declared by the apps and found the way the admin finds `admin.py`.

Some things span every app: the places that hold personal data, the kinds of the site search,
the sections of the sitemap, the demo data, the back office's dashboard and what a change of
each model shows on cached pages. The kernel holds
one registry for each and knows no app; each app declares its own entries in a module of the
registry's name, which `autodiscover()` imports from every installed app at start
(`CoreConfig.ready()`):

| module of an app | registers with | entries |
|---|---|---|
| `<app>/privacy.py` | `core.privacy.register(Source(...), position=…)` | personal-data sources |
| `<app>/search.py` | `core.search.register(SearchKind(...), position=…)` | site-search kinds |
| `<app>/sitemaps.py` | `core.sitemaps.register_section(...)`, `register_pages(...)` | sitemap |
| `<app>/demo.py` | `core.demo.register(app, load, after=(…), position=…)` | demo loaders |
| `<app>/dashboard.py` | `@core.dashboard.panel(position=…)` | dashboard panels |
| `<app>/fragments.py` | `core.fragments.affects(Model, "topic", …)` | what a change shows |

`position` orders the entries of all apps in one list (lower first; the numbers leave room
in steps of 10), so that adding an app never reorders what the others show.

These modules are imported while the apps load: they declare classes, functions and lambdas
and must never build or evaluate a queryset at import time (a queryset compiled while the apps
load once made django-simple-history copy a cached column, and the event history broke).
"""

from collections.abc import Iterator, Mapping
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import module_has_submodule

MODULES = ("privacy", "search", "sitemaps", "demo", "dashboard", "fragments")


class Registry(Mapping):
    """Entries by key, in `position` order (ties: the order they were registered in)."""

    def __init__(self, name: str):
        self.name = name
        self._entries: dict[str, tuple[int, int, object]] = {}

    def register(self, key: str, entry, *, position: int):
        if key in self._entries:
            raise ImproperlyConfigured(f"The {self.name} {key!r} is declared twice.")
        self._entries[key] = (position, len(self._entries), entry)
        return entry

    def unregister(self, key: str) -> None:
        del self._entries[key]

    def _ordered(self) -> list[tuple[str, object]]:
        ranked = sorted(self._entries.items(), key=lambda item: item[1][:2])
        return [(key, entry) for key, (_position, _order, entry) in ranked]

    def __getitem__(self, key: str):
        return self._entries[key][2]

    def __iter__(self) -> Iterator[str]:
        return iter([key for key, _entry in self._ordered()])

    def __len__(self) -> int:
        return len(self._entries)

    def __repr__(self) -> str:
        return f"<{self.name} registry: {', '.join(self)}>"


def autodiscover() -> None:
    """Import the `privacy`, `search`, `sitemaps`, `demo`, `dashboard` and `fragments` module
    of each of the portal's apps (settings.PORTAL_APPS) that has one, so that they register
    their entries.

    Like Django's `autodiscover_modules`, limited to the portal's own apps: a third-party app's
    module of the same name (`django.contrib.postgres.search`) is none of these lists.
    """
    for app_config in apps.get_app_configs():
        if app_config.name not in settings.PORTAL_APPS:
            continue
        for name in MODULES:
            if module_has_submodule(app_config.module, name):
                import_module(f"{app_config.name}.{name}")
