import django_filters
from django.utils.translation import gettext_lazy as _

from members.models import InnovationField
from regions.filters import RegionFilter

from .models import NewsItem


def publication_years():
    years = NewsItem.objects.published().dates("published_at", "year", order="DESC")
    return [(str(day.year), str(day.year)) for day in years]


class NewsFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=NewsItem.Kind.choices, empty_label=_("All kinds")
    )
    region = RegionFilter(lookups=("regions",))
    field = django_filters.ModelChoiceFilter(
        label=_("Innovation field"),
        field_name="innovation_fields",
        to_field_name="slug",
        queryset=InnovationField.objects.all(),
        empty_label=_("All innovation fields"),
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"),
        field_name="published_at",
        lookup_expr="year",
        choices=publication_years,
        empty_label=_("All years"),
    )

    class Meta:
        model = NewsItem
        fields = ["kind", "region", "field", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            field.widget.attrs["class"] = "form-select"
