import django_filters
from django.utils.translation import gettext_lazy as _

from members.models import InnovationField, Organisation

from .models import Cooperation, CooperationPartner, Country


class CooperationFilter(django_filters.FilterSet):
    """Filters of the cooperations list. An invalid value shows as a field error and is
    left out of the filtering, so a hand-edited URL never breaks the page."""

    class Status:
        ONGOING = "ongoing"
        FINISHED = "finished"
        CHOICES = [(ONGOING, _("Ongoing")), (FINISHED, _("Finished"))]

    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Cooperation.Kind.choices, empty_label=_("All kinds")
    )
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"),
        queryset=Organisation.objects.filter(
            pk__in=CooperationPartner.objects.values("organisation_id")
        ).only("pk", "slug", "name"),
        to_field_name="slug",
        method="filter_partner",
        empty_label=_("All partners"),
    )
    country = django_filters.ChoiceFilter(
        label=_("Country"),
        choices=Country.choices,
        method="filter_country",
        empty_label=_("All countries"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=Status.CHOICES,
        method="filter_status",
        empty_label=_("Ongoing and finished"),
    )
    field = django_filters.ModelChoiceFilter(
        label=_("Innovation field"),
        queryset=InnovationField.objects.only("pk", "slug", "name"),
        to_field_name="slug",
        field_name="innovation_fields",
        empty_label=_("All innovation fields"),
    )

    class Meta:
        model = Cooperation
        fields = ["kind", "partner", "country", "status", "field"]

    def filter_partner(self, queryset, name, value):
        return queryset.filter(
            pk__in=CooperationPartner.objects.filter(organisation=value).values("cooperation_id")
        )

    def filter_country(self, queryset, name, value):
        return queryset.in_country(value)

    def filter_status(self, queryset, name, value):
        if value == self.Status.ONGOING:
            return queryset.ongoing()
        return queryset.finished()
