"""Helpers for the demo data loaders of the apps (`<app>/demo.py`)."""

from django.db import models


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
