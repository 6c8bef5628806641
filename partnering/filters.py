import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members.models import InnovationField, Sector
from regions.filters import RegionFilter

from .models import Post


class PostFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Post.Kind.choices, empty_label=_("All kinds")
    )
    field = django_filters.ModelChoiceFilter(
        label=_("Innovation field"),
        queryset=InnovationField.objects.all(),
        to_field_name="slug",
        field_name="innovation_fields",
        empty_label=_("All innovation fields"),
        distinct=True,
    )
    sector = django_filters.ModelChoiceFilter(
        label=_("Sector"),
        queryset=Sector.objects.all(),
        to_field_name="slug",
        field_name="sectors",
        empty_label=_("All sectors"),
        distinct=True,
    )
    # Posts from the region or one below it, or aimed at it.
    region = RegionFilter(lookups=("organisation__region", "target_regions"))
    new = django_filters.BooleanFilter(
        label=_("New in the last 30 days"),
        method="new_posts",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Post
        fields = ["q", "kind", "field", "sector", "region", "new"]

    def new_posts(self, queryset, name, value):
        return queryset.new_since(30) if value else queryset

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        query = SearchQuery(value, config="german", search_type="websearch")
        return (
            queryset.annotate(
                rank=SearchRank("search_vector", query),
                title_similarity=TrigramWordSimilarity(value, "title"),
            )
            .filter(Q(search_vector=query) | Q(title_similarity__gte=0.5))
            .order_by("-rank", "-title_similarity", "-published_at")
        )
