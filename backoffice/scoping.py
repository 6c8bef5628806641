"""Regional managers see and edit only what belongs to their regions (and sub-regions).

Apply to a ModelAdmin with one line: `class EventAdmin(RegionScopedAdminMixin, admin.ModelAdmin)`
and, where the region is not the model's own `region` field, `region_field = "event__region"`.
"""

from django.contrib import admin
from django.contrib.admin.utils import NotRelationField, get_fields_from_path
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from regions.models import Region

from .roles import REGIONAL_MANAGEMENT

_CACHE_ATTRIBUTE = "_backoffice_region_ids"


def is_region_scoped(user) -> bool:
    """A staff member limited to their regions: in the regional group and not a superuser."""
    if not user.is_authenticated or user.is_superuser:
        return False
    cached = getattr(user, "_backoffice_is_scoped", None)
    if cached is None:
        cached = user.groups.filter(name=REGIONAL_MANAGEMENT).exists()
        user._backoffice_is_scoped = cached
    return cached


def region_ids_for(user) -> set[int]:
    """The ids of the user's regions and every region below them (cached on the user)."""
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = set()
        for region in Region.objects.filter(staff__user=user):
            cached.update(Region.objects.descendant_ids(region))
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


class RegionScopedAdminMixin:
    """Limits a ModelAdmin to the regions of a regional manager.

    `region_field` is the lookup path from the model to its Region ("region",
    "event__region"; "id" for the Region admin itself). Every admin view goes through
    get_queryset (list, change, delete, history, actions, exports, autocomplete), so that is
    where the limit sits; a direct URL to another region's object answers 404.
    """

    region_field = "region"

    def scoped_region_ids(self, request) -> set[int] | None:
        """None for users who see everything, else the region ids they may work on."""
        if not is_region_scoped(request.user):
            return None
        return region_ids_for(request.user)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        region_ids = self.scoped_region_ids(request)
        if region_ids is None:
            return queryset
        return queryset.filter(**{f"{self.region_field}__in": region_ids})

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        if self.scoped_region_ids(request) is None:
            return filters
        # Relation filters offer only what occurs in the manager's own records, so the
        # sidebar neither names other regions' records nor lists a whole large table.
        scoped_filters = []
        for item in filters:
            if isinstance(item, str):
                try:
                    field = get_fields_from_path(self.model, item)[-1]
                except (FieldDoesNotExist, NotRelationField):
                    field = None
                if field is not None and field.is_relation:
                    item = (item, admin.RelatedOnlyFieldListFilter)
            scoped_filters.append(item)
        return scoped_filters

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and self.scoped_region_ids(request) is not None:
            # Not "does not exist, back to the index" but a plain 404: never the data.
            raise Http404
        return obj

    def history_view(self, request, object_id, extra_context=None):
        # django-simple-history falls back to the last historical record of an object that
        # get_queryset does not return; a regional manager must not read that either.
        self.get_object(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self.get_object(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        region_ids = self.scoped_region_ids(request)
        if region_ids is None or formfield is None:
            return formfield
        first, _sep, rest = self.region_field.partition("__")
        if db_field.name == first:
            lookup = f"{rest}__in" if rest else "id__in"
            formfield.queryset = formfield.queryset.filter(**{lookup: region_ids})
            # An object without a region would drop out of the manager's own scope.
            formfield.required = True
        return formfield

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        region_ids = self.scoped_region_ids(request)
        if region_ids is None:
            return form_class
        admin = self

        class RegionScopedForm(form_class):
            def _post_clean(self):
                super()._post_clean()
                if self.errors:
                    return  # the field's own error ("not a valid choice") says enough
                # Belt and braces behind the limited choices: the saved object must lie in
                # the manager's regions, whatever field put it elsewhere.
                region_id = admin.region_id_of(self.instance)
                if region_id not in region_ids:
                    self.add_error(
                        None,
                        ValidationError(
                            _("You may only save records of your own regions."),
                            code="region_out_of_scope",
                        ),
                    )

        RegionScopedForm.__name__ = form_class.__name__
        return RegionScopedForm

    def region_id_of(self, obj) -> int | None:
        """The id of the region `obj` belongs to, following `region_field`."""
        *path, last = self.region_field.split("__")
        for step in path:
            obj = getattr(obj, step, None)
            if obj is None:
                return None
        if last == "id":
            return obj.pk
        return getattr(obj, f"{last}_id", None)
