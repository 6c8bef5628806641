"""What every public form that takes personal data has in common."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import BarrierReport, LegalPage

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
                reverse("legal:privacy"),
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


class BarrierReportForm(PublicFormMixin, forms.ModelForm):
    """Report a barrier (accessibility statement). Name and e-mail are optional; consent to
    the privacy notice is only needed, and only recorded, when they are given."""

    class Meta:
        model = BarrierReport
        fields = ["page_url", "description", "name", "email"]
        labels = {
            "page_url": _("Page on which you met the barrier"),
            "description": _("What did not work?"),
            "name": _("Your name (optional)"),
            "email": _("Your e-mail address (optional)"),
        }
        help_texts = {
            "page_url": _("The address of the page, or its title if you do not know the address."),
            "description": _(
                "Please describe the barrier, and if you like, the assistive technology you use "
                "(for example a screen reader)."
            ),
            "email": _("Only if you would like an answer."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    DESCRIPTION_MAX_LENGTH = 5000

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].widget.attrs["maxlength"] = self.DESCRIPTION_MAX_LENGTH
        self.fields["description"].validators.append(
            MaxLengthValidator(self.DESCRIPTION_MAX_LENGTH)
        )
        # An anonymous report needs no consent; contact data does (see clean()).
        self.fields["privacy_consent"].required = False
        self.fields["privacy_consent"].help_text = _(
            "Only needed if you give your name or e-mail address."
        )

    def clean_page_url(self):
        return self._printable(self.cleaned_data["page_url"])

    def clean_description(self):
        return self._printable(self.cleaned_data["description"], multiline=True)

    def clean_name(self):
        return self._printable(self.cleaned_data["name"])

    def _printable(self, value: str, *, multiline: bool = False) -> str:
        allowed = "\n\r\t" if multiline else ""
        if any(ord(char) < 32 and char not in allowed for char in value) or "\x7f" in value:
            raise forms.ValidationError(
                _("Please remove the control characters from this field."), code="control"
            )
        return value.strip()

    def clean(self):
        cleaned_data = super().clean()
        has_contact = cleaned_data.get("name") or cleaned_data.get("email")
        if has_contact and not cleaned_data.get("privacy_consent"):
            self.add_error(
                "privacy_consent",
                forms.ValidationError(
                    _(
                        "To let us answer you, please agree to the privacy notice, "
                        "or leave your name and e-mail address empty."
                    ),
                    code="required",
                ),
            )
        return cleaned_data

    def save(self, commit=True):
        report = super().save(commit=False)
        if report.name or report.email:
            for field, value in self.consent_values().items():
                setattr(report, field, value)
        if commit:
            report.save()
        return report
