"""Rows for any model, for admins that have no hand-written row maker yet.

Fills every required field (and, on the listed model itself, every foreign key, each row with
its own related object, so that a missing select_related shows up as a growing query count).
"""

import datetime as dt
import itertools
import uuid
from decimal import Decimal

from django.contrib.postgres.fields import ArrayField
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils import timezone

from .files import image_bytes

_counter = itertools.count(1)


def _seller():
    from .billing import make_seller

    return make_seller()


# Related rows whose constraints blank values would break (an invoicing body needs a VAT ID or
# a tax number): made by their factory.
HAND_MADE = {"billing.Seller": _seller}


def value_for(field, depth):
    number = next(_counter)
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.ForeignKey | models.OneToOneField):
        maker = HAND_MADE.get(field.related_model._meta.label)
        return maker() if maker else make_row(field.related_model, depth + 1)
    if isinstance(field, models.EmailField):
        return f"person{number}@example.org"
    if isinstance(field, models.URLField):
        return f"https://example.org/{number}"
    if isinstance(field, models.SlugField):
        return f"auto-{number}"
    if isinstance(field, models.CharField | models.TextField):
        return f"Auto {number}"[: field.max_length or None]
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DecimalField):
        return Decimal(1)
    if isinstance(field, models.IntegerField):
        return number % 30000 + 1
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return dt.date.today()
    if isinstance(field, ArrayField):
        return []
    if isinstance(field, models.JSONField):
        return {}
    if isinstance(field, models.UUIDField):
        return uuid.uuid4()
    if isinstance(field, models.ImageField):
        return SimpleUploadedFile(f"auto-{number}.png", image_bytes(), content_type="image/png")
    if isinstance(field, models.FileField):
        return SimpleUploadedFile(f"auto-{number}.pdf", b"%PDF-1.4\n%%EOF\n")
    raise TypeError(f"cannot fill {field.model.__name__}.{field.name} ({type(field).__name__})")


def _unique_field_names(model) -> set[str]:
    names = {field.name for field in model._meta.concrete_fields if field.unique}
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.condition is None:
            names.update(constraint.fields)
    return names


# Rows only their services write, with checks a filler cannot meet (invoice numbers, VAT IDs):
# an optional link to them stays empty.
WRITTEN_BY_SERVICES = {"billing.Invoice", "billing.Seller"}


def make_row(model, depth=0):
    values = {}
    unique_names = _unique_field_names(model)
    for field in model._meta.concrete_fields:
        if getattr(field, "auto_now", False):
            continue
        if field.primary_key:
            if isinstance(field, models.AutoField) or field.has_default():
                continue
            values[field.name] = value_for(field, depth)  # a natural key ("app_label", "key")
            continue
        if field.has_default() and not (field.name in unique_names and not field.choices):
            continue
        if getattr(field, "auto_now_add", False):
            continue
        is_relation = isinstance(field, models.ForeignKey)
        if is_relation and field.related_model is model:
            continue  # a tree's parent: left empty
        optional = field.null or field.blank
        if optional and is_relation and field.related_model._meta.label in WRITTEN_BY_SERVICES:
            continue
        if optional and not (is_relation and depth == 0):
            continue
        if depth > 3 and optional:
            continue
        values[field.name] = value_for(field, depth)
    return model.objects.create(**values)


def auto_row_maker(model):
    def add_rows(n):
        for _i in range(n):
            make_row(model)

    return add_rows
