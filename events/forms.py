from django import forms
from django.utils.translation import gettext_lazy as _

from legal.forms import PublicFormMixin
from members.forms import ACCESS_EMAIL_HELP
from members.models import Organisation

from .models import YES_NO_LABELS, CoExhibitorApplication, Registration, RegistrationQuestion
from .stand_services import NotAMember

NOT_A_MEMBER_MESSAGE = NotAMember.message

Kind = RegistrationQuestion.Kind
YES_NO = list(YES_NO_LABELS.items())


def question_field(question: RegistrationQuestion) -> forms.Field:
    common = {"label": question.text, "required": question.required}
    if question.kind == Kind.SINGLE_CHOICE:
        choices = [(choice, choice) for choice in question.choice_list]
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if question.kind == Kind.MULTIPLE_CHOICE:
        choices = [(choice, choice) for choice in question.choice_list]
        return forms.MultipleChoiceField(
            choices=choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if question.kind == Kind.YES_NO:
        return forms.ChoiceField(choices=YES_NO, widget=forms.RadioSelect, **common)
    return forms.CharField(max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), **common)


class RegistrationForm(PublicFormMixin, forms.ModelForm):
    """Name, e-mail, organisation, role, the event's own questions and consent."""

    class Meta:
        model = Registration
        fields = ["name", "email", "organisation_name", "role", "show_organisation_publicly"]
        labels = {
            "show_organisation_publicly": _(
                "My organisation may appear in the public list of participating organisations."
            ),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "organisation_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "role": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        }

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[self.question_key(question)] = question_field(question)
        # Consent and the honeypot come last, after the event's own questions.
        for name in ["privacy_consent", "homepage"]:
            self.fields[name] = self.fields.pop(name)

    @staticmethod
    def question_key(question) -> str:
        return f"question_{question.pk}"

    def clean_show_organisation_publicly(self):
        value = self.cleaned_data.get("show_organisation_publicly")
        return bool(value)

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("show_organisation_publicly") and not cleaned_data.get(
            "organisation_name"
        ):
            self.add_error(
                "organisation_name",
                _("Please name your organisation if it is to appear in the public list."),
            )
        return cleaned_data

    def answers(self) -> dict:
        """The answers given, as text, by question."""
        answers = {}
        for question in self.questions:
            value = self.cleaned_data.get(self.question_key(question))
            if isinstance(value, list):
                value = "\n".join(value)
            if value:
                answers[question] = str(value)
        return answers


class CheckInSearchForm(forms.Form):
    q = forms.CharField(label=_("Name, organisation or ticket code"), max_length=100)


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
