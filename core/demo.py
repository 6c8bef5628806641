"""The demo data: each app's loader, run in order by `manage.py load_demo`, and `upsert()`.

An app declares its loader at the end of its `demo.py`:

    demo.register("events", load, after=("regions", "members"), position=30)

`after` names the apps whose demo data the loader reads (it must run later); `position` fixes
the order among all loaders, and `ordered()` refuses an order that breaks an `after`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.db import models

from .portal import Registry


@dataclass(frozen=True)
class DemoLoader:
    app: str
    load: Callable[[], None]
    after: tuple[str, ...] = ()


loaders = Registry("demo loader")


def register(app: str, load: Callable[[], None], *, after=(), position: int) -> DemoLoader:
    return loaders.register(app, DemoLoader(app, load, tuple(after)), position=position)


def ordered() -> list[DemoLoader]:
    """The loaders in their order, checked against what each must come after."""
    done: set[str] = set()
    for loader in loaders.values():
        missing = [app for app in loader.after if app not in done]
        if missing:
            raise ImproperlyConfigured(
                f"The demo loader of {loader.app!r} must come after {missing}: give it a "
                "higher position."
            )
        done.add(loader.app)
    return list(loaders.values())


def upsert(model: type[models.Model], defaults: dict, **lookup) -> models.Model:
    """Create the row, or bring it to `defaults`, saving only what differs.

    Unlike update_or_create this leaves an unchanged row untouched (no new auto_now
    timestamps), so that running the demo loader twice changes nothing.
    """
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        return model.objects.create(**lookup, **defaults)
    changed = [field for field, value in defaults.items() if getattr(instance, field) != value]
    if changed:
        for field in changed:
            setattr(instance, field, defaults[field])
        instance.save(update_fields=changed)
    return instance
