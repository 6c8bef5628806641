import datetime as dt
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.widgets import IsoDateInput
from legal.forms import PublicFormMixin
from members.forms import ACCESS_EMAIL_HELP
from members.models import Organisation

from .models import COUNTRY_CODE, ExpressionOfInterest, Post

MAX_VALIDITY_DAYS = 365


class AccessLinkRequestForm(PublicFormMixin, forms.Form):
    """Ask for a one-time posting link; it goes only to a contact person's or the public address."""

    organisation = forms.ModelChoiceField(
        label=_("Your organisation"),
        queryset=Organisation.objects.members().order_by("name"),
        empty_label=_("Choose your organisation"),
        to_field_name="slug",
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=ACCESS_EMAIL_HELP,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class CountryCodesField(forms.CharField):
    """Comma- or space-separated ISO country codes, stored as a list."""

    def to_python(self, value):
        value = super().to_python(value)
        codes = [code.upper() for code in re.split(r"[\s,;]+", value or "") if code]
        invalid = [code for code in codes if not COUNTRY_CODE.match(code)]
        if invalid:
            raise forms.ValidationError(
                _("Use two-letter country codes (for example DE, NL, FR): %(codes)s"),
                params={"codes": ", ".join(invalid)},
                code="invalid_country",
            )
        return list(dict.fromkeys(codes))

    def prepare_value(self, value):
        if isinstance(value, list):
            return ", ".join(value)
        return value


class PostForm(forms.ModelForm):
    target_countries = CountryCodesField(
        label=_("Target countries"),
        required=False,
        help_text=_("Optional: two-letter country codes, separated by commas (DE, NL, FR)."),
    )

    class Meta:
        model = Post
        fields = [
            "kind",
            "title",
            "description",
            "innovation_fields",
            "sectors",
            "target_regions",
            "target_countries",
            "valid_until",
            "visibility",
        ]
        widgets = {
            "innovation_fields": forms.CheckboxSelectMultiple,
            "sectors": forms.CheckboxSelectMultiple,
            "target_regions": forms.CheckboxSelectMultiple,
            "valid_until": IsoDateInput,
            "description": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("valid_until", timezone.localdate() + dt.timedelta(days=90))
        self.fields["valid_until"].help_text = _("At most one year ahead.")

    def clean_valid_until(self):
        value = self.cleaned_data["valid_until"]
        today = timezone.localdate()
        if value < today:
            raise forms.ValidationError(_("The date lies in the past."), code="past")
        if value > today + dt.timedelta(days=MAX_VALIDITY_DAYS):
            raise forms.ValidationError(
                _("A post can be valid for at most one year."), code="too_far"
            )
        return value


class ExpressionOfInterestForm(PublicFormMixin, forms.ModelForm):
    class Meta:
        model = ExpressionOfInterest
        fields = ["sender_name", "sender_organisation", "email", "phone", "message"]
        labels = {
            "sender_name": _("Your name"),
            "sender_organisation": _("Your organisation"),
            "email": _("Your e-mail address"),
            "phone": _("Phone (optional)"),
            "message": _("Your message to the poster"),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}
