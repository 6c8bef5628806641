import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Region


class RegionFilter(django_filters.ModelChoiceFilter):
    """A region and every region below it: a state finds what its health-economy regions hold.

    `lookups` are the model's paths to a region; a row matches when any of them lies in the
    chosen region's tree. Every list filtered by region uses this filter, so the directory, the
    events, the news and the partnering board agree with what a region's own page lists.
    """

    def __init__(self, *, lookups=("region",), **kwargs):
        self.lookups = tuple(lookups)
        kwargs.setdefault("label", _("Region"))
        kwargs.setdefault("queryset", Region.objects.all())
        kwargs.setdefault("to_field_name", "slug")
        kwargs.setdefault("empty_label", _("All regions"))
        super().__init__(**kwargs)

    def filter(self, queryset, value):
        if not value:
            return queryset
        ids = Region.objects.descendant_ids(value)
        condition = Q()
        for lookup in self.lookups:
            condition |= Q(**{f"{lookup}__in": ids})
        if all(self._is_single_valued(queryset.model, lookup) for lookup in self.lookups):
            return queryset.filter(condition)
        # Through a many-valued relation a row could match more than once.
        matching = queryset.model._base_manager.filter(condition).values("pk")
        return queryset.filter(pk__in=matching)

    @staticmethod
    def _is_single_valued(model, lookup: str) -> bool:
        for name in lookup.split("__"):
            field = model._meta.get_field(name)
            if field.many_to_many or field.one_to_many:
                return False
            model = field.related_model
        return True
