"""The member directory's filters; every value lives in the URL so results can be shared."""

from functools import cached_property
from urllib.parse import urlencode

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from regions.filters import RegionFilter

from .models import InnovationField, Organisation, Sector
from .search import search, spelling


def city_choices():
    return [(city, city) for city in Organisation.objects.member_cities()]


class OrganisationFilter(django_filters.FilterSet):
    class Sort:
        RELEVANCE = "relevance"
        NAME = "name"
        NEWEST = "newest"

    SORT_CHOICES = [
        (Sort.RELEVANCE, _("Relevance (when searching)")),
        (Sort.NAME, _("Name")),
        (Sort.NEWEST, _("Newest members first")),
    ]

    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_search",
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Name, description or innovation field"),
    )
    region = RegionFilter()
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Organisation.Kind.choices, empty_label=_("All kinds")
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"),
        field_name="sectors",
        queryset=Sector.objects.all(),
        to_field_name="slug",
        empty_label=_("All sectors"),
    )
    innovation_field = django_filters.ModelChoiceFilter(
        label=_("Innovation field"),
        field_name="innovation_fields",
        queryset=InnovationField.objects.all(),
        to_field_name="slug",
        empty_label=_("All innovation fields"),
    )
    city = django_filters.ChoiceFilter(
        label=_("City"), field_name="city", lookup_expr="iexact", empty_label=_("All cities")
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORT_CHOICES, method="keep", empty_label=None
    )

    class Meta:
        model = Organisation
        fields = ["q", "region", "kind", "sector", "innovation_field", "city", "sort"]

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        # A callable: the cities are read only when the form is validated or rendered.
        self.filters["city"].extra["choices"] = city_choices
        self.form.fields["sort"].required = False

    def filter_search(self, queryset, name, value):
        return search(queryset, value, corrected=self.spelling)

    @cached_property
    def spelling(self):
        """The search text with its misspelt words corrected (`changed` when any was), or None
        when not searching; looked up once, for the search and for the note on the page."""
        if not self.is_bound:
            return None
        self.form.is_valid()  # cleaned_data then holds the valid fields, whatever the others
        if not self.searching:
            return None
        return spelling(self.form.cleaned_data["q"], using=self.queryset.db)

    def keep(self, queryset, name, value):
        return queryset

    @property
    def searching(self) -> bool:
        if not self.is_bound:
            return False
        self.form.is_valid()  # cleaned_data then holds the valid fields, whatever the others
        return bool((self.form.cleaned_data.get("q") or "").strip())

    # Orders that end with the primary key, so that keyset pages (core.pagination) can follow
    # them; relevance is computed per search and paged by number.
    ORDERS = {Sort.NAME: ("name", "pk"), Sort.NEWEST: ("-joined_on", "name", "pk")}

    @property
    def order(self) -> tuple[str, ...] | None:
        """The results' order as keyset fields, or None when sorted by relevance."""
        sort = ""
        if self.is_bound:
            self.form.is_valid()
            sort = self.form.cleaned_data.get("sort") or ""
        if self.searching and sort in ("", self.Sort.RELEVANCE):
            return None
        return self.ORDERS.get(sort, self.ORDERS[self.Sort.NAME])

    @property
    def results_address(self) -> str:
        """The valid filters that decide which members are found (not their order or page),
        as a query string: the key of what they have in common, such as their count."""
        if not self.is_bound:
            return ""
        self.form.is_valid()
        chosen = {
            name: self.data.get(name)
            for name in sorted(self.form.cleaned_data)
            if name not in ("sort",) and self.form.cleaned_data.get(name) not in (None, "")
        }
        # Encoded, so that a search text with "&" or "=" in it never reads as other filters.
        return urlencode(chosen)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        order = self.order
        if order is None:
            return queryset.order_by("-relevance", "name", "pk")
        return queryset.order_by(*order)
