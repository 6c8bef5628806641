"""What needs the cluster managers' attention, shown on the admin index.

One function per panel, declared by the app it is about in its `dashboard.py` (see
`core.dashboard`); each limits itself to a regional manager's regions with `scoped()` and
returns None for a user who may not see its records (`may_view()`), so the panel is left out.
This module holds what the panels share.
"""

from dataclasses import dataclass, field

from django.contrib import admin
from django.db.models import ForeignKey
from django.urls import NoReverseMatch, reverse

from core.dashboard import panels as declared_panels
from regions.models import Region

from .scoping import is_region_scoped, region_ids_for


@dataclass
class Item:
    """One record in a panel: what it is, the link to its admin page, and a short note
    (when it came in, which event)."""

    label: str
    url: str = ""
    note: str = ""


@dataclass
class Panel:
    key: str
    title: str
    count: int
    url: str = ""
    items: list = field(default_factory=list)
    empty_text: str = ""


def region_path(model, depth: int = 3) -> str | None:
    """The lookup path from `model` to its Region ("region", "event__region"), if any."""
    if model is Region:
        return "id"
    frontier = [(model, "")]
    for _level in range(depth):
        next_frontier = []
        for current, prefix in frontier:
            for model_field in current._meta.get_fields():
                if not isinstance(model_field, ForeignKey):
                    continue
                path = f"{prefix}{model_field.name}"
                if model_field.related_model is Region:
                    return path
                next_frontier.append((model_field.related_model, f"{path}__"))
        frontier = next_frontier
    return None


def scoped(request, queryset):
    """Limit `queryset` to the regions of a regional manager (nothing if it has no region)."""
    if not is_region_scoped(request.user):
        return queryset
    path = region_path(queryset.model)
    if path is None:
        return queryset.none()
    return queryset.filter(**{f"{path}__in": region_ids_for(request.user)})


def may_view(request, model) -> bool:
    """Whether the user may see `model` in the admin at all (a panel about it shows then)."""
    model_admin = admin.site._registry.get(model)
    return model_admin is not None and model_admin.has_view_permission(request)


def items_and_count(queryset, limit: int = 5) -> tuple[list, int]:
    """The first `limit` rows and the number of all, in one query when they are few."""
    rows = list(queryset[: limit + 1])
    if len(rows) <= limit:
        return rows, len(rows)
    return rows[:limit], queryset.count()


def changelist_url(request, model, query: str = "") -> str:
    """The admin list of `model` if the user may see it, else ""."""
    model_admin = admin.site._registry.get(model)
    if model_admin is None or not model_admin.has_view_permission(request):
        return ""
    try:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    except NoReverseMatch:
        return ""
    return f"{url}?{query}" if query else url


def change_url(model, pk) -> str:
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[pk])
    except NoReverseMatch:
        return ""


def panels(request) -> list[Panel]:
    """Every app's panels (`<app>/dashboard.py`, see `core.dashboard`), in their order."""
    built = (build(request) for build in declared_panels.values())
    return [panel for panel in built if panel is not None]
