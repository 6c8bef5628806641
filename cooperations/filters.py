import django_filters
from django import forms
from django.contrib.postgres.search import TrigramWordSimilarity
from django.db.models import OuterRef, Q, Subquery, Value
from django.utils.translation import gettext_lazy as _

from members.models import InnovationField, Organisation
from members.search import NAME_SIMILARITY_THRESHOLD

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
    # A text field, not a list of the thousand-odd partner organisations: nobody can find one
    # in such a list, and rendering it cost more than the rest of the page.
    partner = django_filters.CharFilter(
        label=_("Partner organisation"),
        method="filter_partner",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Name or part of the name; small typing errors are tolerated."),
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
        """Cooperations with a partner whose name contains or resembles `value`.

        An exact slug matches too, so links from before the text field (`?partner=<slug>`)
        keep working.
        """
        text = " ".join(value.split())
        if not text:
            return queryset
        # The name comes in through a correlated subquery, not a join: a join lets PostgreSQL
        # scan every organisation of the directory and compute a similarity for each, while
        # this compares only the partners' own rows, however large the directory grows.
        partner_name = Subquery(
            Organisation.objects.filter(pk=OuterRef("organisation_id"))
            .order_by()
            .values("name")[:1]
        )
        partners = CooperationPartner.objects.annotate(
            partner_name=partner_name,
            name_similarity=TrigramWordSimilarity(Value(text), "partner_name"),
        ).filter(
            Q(organisation__in=Organisation.objects.filter(slug=text))
            | Q(partner_name__icontains=text)
            | Q(name_similarity__gte=NAME_SIMILARITY_THRESHOLD)
        )
        return queryset.filter(pk__in=partners.values("cooperation_id"))

    def filter_country(self, queryset, name, value):
        return queryset.in_country(value)

    def filter_status(self, queryset, name, value):
        if value == self.Status.ONGOING:
            return queryset.ongoing()
        return queryset.finished()
