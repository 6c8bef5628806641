from django import forms
from django.utils.translation import gettext_lazy as _

from billing.forms import BillingDetailsForm
from legal.forms import PublicFormMixin

from .models import YES_NO_LABELS, Registration, RegistrationQuestion

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


class BookingDetailsForm(BillingDetailsForm):
    """Asked only for a paid event: whom to invoice, and whether the members' price applies."""

    is_member = forms.BooleanField(
        label=_("Our organisation is a member of the network"),
        required=False,
        help_text=_(
            "The members' price applies when the organisation named above (or as the "
            "invoice recipient) is a member organisation of the network."
        ),
    )

    def billing_values(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "is_member"}


class CheckInSearchForm(forms.Form):
    q = forms.CharField(label=_("Name, organisation or ticket code"), max_length=100)
