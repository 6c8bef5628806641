from django import forms
from django.utils.translation import gettext_lazy as _

from .models import B2BProfile


class B2BProfileForm(forms.ModelForm):
    class Meta:
        model = B2BProfile
        fields = ["offer", "seek", "innovation_fields", "is_published"]
        labels = {
            "offer": _("What your organisation offers"),
            "seek": _("What your organisation is looking for"),
            "is_published": _("Show my profile to the other participants"),
        }
        help_texts = {
            "offer": _("Products, services, technologies or know-how; a few sentences."),
            "seek": _("Partners, suppliers, customers or know-how you would like to meet."),
        }
        widgets = {
            "offer": forms.Textarea(attrs={"rows": 4}),
            "seek": forms.Textarea(attrs={"rows": 4}),
            "innovation_fields": forms.CheckboxSelectMultiple,
        }

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("offer") or "").strip() and not (cleaned.get("seek") or "").strip():
            raise forms.ValidationError(
                _("Please say what you offer or what you are looking for."), code="empty"
            )
        return cleaned


class MeetingRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Short message (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you would like to talk about."),
    )
