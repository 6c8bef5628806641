import datetime as dt

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from members.models import InnovationField
from regions.filters import RegionFilter

from .models import Event

MONTH_VALIDATOR = RegexValidator(
    r"^\d{4}-(0[1-9]|1[0-2])$", _("Enter a month as YYYY-MM, for example 2026-03.")
)


class EventFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Event.Kind.choices, empty_label=_("All kinds")
    )
    region = RegionFilter()
    field = django_filters.ModelChoiceFilter(
        label=_("Innovation field"),
        queryset=InnovationField.objects.all(),
        to_field_name="slug",
        field_name="innovation_fields",
        empty_label=_("All innovation fields"),
    )
    month = django_filters.CharFilter(
        label=_("Month"),
        method="filter_month",
        validators=[MONTH_VALIDATOR],
        # A list of the months that have events: Chromium shows an empty <input type=month>
        # as "--------- ----", and a select also says what choosing nothing means.
        widget=forms.Select,
    )

    class Meta:
        model = Event
        fields = ["kind", "region", "field", "month"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        months = [
            (month.strftime("%Y-%m"), date_format(month, "YEAR_MONTH_FORMAT"))
            for month in self.queryset.with_known_date().order_by().dates("start", "month")
        ]
        self.filters["month"].extra["widget"] = forms.Select(
            choices=[("", _("Any month")), *months]
        )

    def filter_month(self, queryset, name, value):
        year, month = (int(part) for part in value.split("-"))
        tz = timezone.get_current_timezone()
        first = dt.datetime(year, month, 1, tzinfo=tz)
        following = dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=tz)
        # An event belongs to every month it touches.
        return queryset.with_known_date().filter(start__lt=following, end__gte=first)
