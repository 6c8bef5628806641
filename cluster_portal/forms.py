"""What every public form that takes personal data has in common."""

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import LegalPage

HONEYPOT_FIELD = "homepage"


class PublicFormMixin:
    """Adds consent to the current privacy notice and a honeypot field for bots.

    Mix into a Form or ModelForm before the form class; call `consent_values()` after
    validation to get the fields of a `ConsentRecord`.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.privacy_notice = LegalPage.objects.current(LegalPage.Kind.PRIVACY)
        self.fields["privacy_consent"] = forms.BooleanField(
            required=True,
            label=format_html(
                '{} <a href="{}" target="_blank" rel="noopener">{}</a>',
                _("I have read the"),
                reverse("privacy"),
                _("privacy notice and agree to the processing of my data for this purpose."),
            ),
            error_messages={"required": _("Please agree to the privacy notice to continue.")},
        )
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False,
            label=_("Please leave this field empty"),
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(
                _("Your submission could not be accepted. Please try again."), code="honeypot"
            )
        return cleaned_data

    def consent_values(self) -> dict:
        return {"privacy_notice": self.privacy_notice, "consented_at": timezone.now()}
