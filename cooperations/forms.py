from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Cooperation, Country


class CooperationAdminForm(forms.ModelForm):
    # Check boxes instead of the comma-separated text box an ArrayField gets by default.
    countries = forms.MultipleChoiceField(
        label=_("countries involved"),
        choices=Country.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Cooperation
        fields = [
            "title",
            "slug",
            "kind",
            "summary",
            "started_on",
            "ended_on",
            "countries",
            "goals",
            "description",
            "outcomes",
            "funding_programme",
            "innovation_fields",
            "events",
        ]
