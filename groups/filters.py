import django_filters
from django.utils.translation import gettext_lazy as _

from members.models import InnovationField
from regions.filters import RegionFilter

from .models import WorkingGroup


class WorkingGroupFilter(django_filters.FilterSet):
    region = RegionFilter()
    field = django_filters.ModelChoiceFilter(
        label=_("Innovation field"),
        queryset=InnovationField.objects.all(),
        to_field_name="slug",
        field_name="innovation_fields",
        empty_label=_("All innovation fields"),
        distinct=True,
    )

    class Meta:
        model = WorkingGroup
        fields = ["region", "field"]
