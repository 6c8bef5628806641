from django import forms
from django.utils.translation import gettext_lazy as _

from legal.forms import PublicFormMixin
from members.forms import ACCESS_EMAIL_HELP
from members.models import Organisation

from .models import CoExhibitorApplication
from .services import NotAMember

NOT_A_MEMBER_MESSAGE = NotAMember.message


class StandAccessRequestForm(PublicFormMixin, forms.Form):
    """Step one of applying for a joint stand: which member asks, and to which address."""

    organisation = forms.ModelChoiceField(
        label=_("Your organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("Please choose"),
        help_text=_("Only member organisations of the network can co-exhibit."),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=ACCESS_EMAIL_HELP,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only members can co-exhibit, so only members are offered; a posted non-member is
        # told why rather than "not a valid choice".
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.members().order_by("name")
        field.error_messages["invalid_choice"] = NOT_A_MEMBER_MESSAGE
        for name in ["privacy_consent", "homepage"]:
            self.fields[name] = self.fields.pop(name)


class CoExhibitorApplicationForm(PublicFormMixin, forms.ModelForm):
    """Step two, reached through the one-time link: the organisation is fixed by the link."""

    class Meta:
        model = CoExhibitorApplication
        fields = [
            "stand",
            "contact_name",
            "contact_email",
            "contact_phone",
            "products",
            "places_needed",
            "remarks",
        ]
        labels = {
            "stand": _("Joint stand"),
            "products": _("Products and services you will show"),
            "places_needed": _("Number of places you need"),
        }
        widgets = {
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel"}),
            "products": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
            "remarks": forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
            "places_needed": forms.NumberInput(attrs={"min": 1}),
        }

    def __init__(self, *args, organisation, stands, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["stand"].queryset = stands
        self.fields["stand"].empty_label = None if len(stands) == 1 else _("Please choose")
        self.fields["stand"].label_from_instance = lambda stand: f"{stand.title} ({stand.event})"
        self.fields["places_needed"].min_value = 1
        self.fields["products"].max_length = 2000
        self.fields["remarks"].max_length = 2000

    def clean(self):
        cleaned_data = super().clean()
        stand, places = cleaned_data.get("stand"), cleaned_data.get("places_needed")
        if stand and places and places > stand.places:
            self.add_error(
                "places_needed",
                _("The stand has only %(places)s places.") % {"places": stand.places},
            )
        return cleaned_data
