from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from legal.forms import PublicFormMixin

from .logos import validate_logo
from .models import ContactPerson, InnovationField, Organisation, Sector
from .services import CONTACT_FIELDS, PROFILE_FIELDS

LOGO_ACCEPT = "image/png,image/jpeg,image/webp"


def logo_field(widget_class=forms.ClearableFileInput, **kwargs) -> forms.FileField:
    # A plain FileField: our validator reads the real format and gives the clearer errors.
    return forms.FileField(
        label=_("Logo"),
        required=False,
        validators=[validate_logo],
        widget=widget_class(attrs={"accept": LOGO_ACCEPT}),
        help_text=_("PNG, JPEG or WebP, at most 2 MB and 4000 × 4000 pixels."),
        **kwargs,
    )


class MembershipApplicationForm(PublicFormMixin, forms.ModelForm):
    """An organisation applies to join: its data, one contact person, consent."""

    contact_name = forms.CharField(label=_("Your name"), max_length=120)
    contact_role = forms.CharField(label=_("Your role"), max_length=120, required=False)
    contact_email = forms.EmailField(label=_("Your e-mail"))
    contact_phone = forms.CharField(label=_("Your phone"), max_length=40, required=False)
    contact_is_public = forms.BooleanField(
        label=_("Show me as contact person on our public profile"), required=False
    )
    message = forms.CharField(
        label=_("Message to the cluster management"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    logo = logo_field()

    class Meta:
        model = Organisation
        fields = [
            "name",
            "legal_form",
            "kind",
            "region",
            "street",
            "postcode",
            "city",
            "country",
            "website",
            "email",
            "phone",
            "description",
            "employee_band",
            "founded_year",
            "sectors",
            "innovation_fields",
            "logo",
        ]
        labels = {"name": _("Name of the organisation")}
        widgets = {
            "sectors": forms.CheckboxSelectMultiple,
            "innovation_fields": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sectors"].queryset = Sector.objects.all()
        self.fields["innovation_fields"].queryset = InnovationField.objects.all()
        self.fields["description"].required = True
        self.fields["city"].required = True
        set_blank_labels(self)

    def clean_country(self):
        return (self.cleaned_data.get("country") or "").upper()

    def organisation_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self._meta.fields}

    def contact_data(self) -> dict:
        return {
            "name": self.cleaned_data["contact_name"],
            "role": self.cleaned_data.get("contact_role", ""),
            "email": self.cleaned_data["contact_email"],
            "phone": self.cleaned_data.get("contact_phone", ""),
            "is_public": self.cleaned_data.get("contact_is_public", False),
        }


def set_blank_labels(form) -> None:
    """Give the empty choice of every select a label in the page's language."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and not isinstance(
            field, forms.ModelMultipleChoiceField
        ):
            field.empty_label = _("Please choose")
        elif isinstance(field, forms.ChoiceField) and not isinstance(
            field, forms.MultipleChoiceField
        ):
            field.choices = [
                ("", _("Please choose")) if value == "" else (value, label)
                for value, label in field.choices
            ]


# Said on every one-time-link form, so that nobody waits for a mail to an address we never use.
ACCESS_EMAIL_HELP = _(
    "Your own address as a contact person of the organisation, or the organisation's public "
    "e-mail address shown on its profile. We send the link to that address."
)


class AccessRequestForm(PublicFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=ACCESS_EMAIL_HELP,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class ProfileForm(PublicFormMixin, forms.ModelForm):
    """What a member may change itself; the values go into a change request, not the profile.

    Contact persons are personal data, so the submission records consent like every public form.
    """

    logo = logo_field()

    class Meta:
        model = Organisation
        fields = [*PROFILE_FIELDS, "innovation_fields"]
        widgets = {
            "innovation_fields": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["innovation_fields"].queryset = InnovationField.objects.all()
        set_blank_labels(self)

    def _post_clean(self):
        # Validate against a copy, so that the organisation shown elsewhere stays untouched.
        self.instance = Organisation.objects.get(pk=self.instance.pk)
        super()._post_clean()


class ContactPersonBaseFormSet(BaseInlineFormSet):
    """Contact persons of one organisation: each e-mail address at most once."""

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE") or not data.get("email"):
                continue
            email = data["email"].strip().lower()
            if email in seen:
                form.add_error("email", _("This e-mail address is given for two contact persons."))
            seen.add(email)


ContactFormSet = inlineformset_factory(
    Organisation,
    ContactPerson,
    formset=ContactPersonBaseFormSet,
    fields=CONTACT_FIELDS,
    extra=1,
    can_delete=True,
    min_num=1,
    validate_min=True,
)


class ContactMessageForm(PublicFormMixin, forms.Form):
    """A visitor writes to a member. The recipients are named, never their addresses."""

    recipient = forms.ChoiceField(label=_("To"), widget=forms.RadioSelect)
    name = forms.CharField(
        label=_("Your name"), max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("The organisation answers you at this address; you get a copy there."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    organisation = forms.CharField(
        label=_("Your organisation (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    subject = forms.CharField(label=_("Subject"), max_length=150)
    message = forms.CharField(
        label=_("Your message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": 5000}),
    )

    def __init__(self, *args, organisation, public_contacts, **kwargs):
        super().__init__(*args, **kwargs)
        general = _("%(organisation)s (general enquiries)") % {"organisation": organisation.name}
        choices = [("organisation", general)]
        for person in public_contacts:
            label = f"{person.name}, {person.role}" if person.role else person.name
            choices.append((str(person.pk), label))
        self.fields["recipient"].choices = choices
        self.fields["recipient"].initial = "organisation"
        # The consent and honeypot fields come last, after the message.
        self.order_fields(["recipient", "name", "email", "organisation", "subject", "message"])

    def _no_control_characters(self, value: str, multiline: bool = False) -> str:
        allowed = "\n\r\t" if multiline else ""
        if any(ord(char) < 32 and char not in allowed for char in value) or "\x7f" in value:
            raise forms.ValidationError(
                _("Please remove the control characters from this field."), code="control"
            )
        return value.strip()

    def clean_name(self):
        return self._no_control_characters(self.cleaned_data["name"])

    def clean_subject(self):
        return self._no_control_characters(self.cleaned_data["subject"])

    def clean_organisation(self):
        return self._no_control_characters(self.cleaned_data["organisation"])

    def clean_message(self):
        return self._no_control_characters(self.cleaned_data["message"], multiline=True)
