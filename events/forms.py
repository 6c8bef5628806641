from django import forms
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from billing.forms import BillingDetailsForm
from legal.forms import PublicFormMixin

from .models import YES_NO_LABELS, Registration, RegistrationQuestion
from .services import Participant

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


# A group booking registers the booker and at most this many further participants.
MAX_FURTHER_PARTICIPANTS = 9
PARTICIPANTS_PREFIX = "participants"


class ParticipantForm(forms.Form):
    """One further participant of a group booking; a row left empty registers no one."""

    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.CharField(
        label=_("Role (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class ParticipantsConsentForm(forms.Form):
    participants_consent = forms.BooleanField(
        label=_(
            "I may pass on the further participants' names and e-mail addresses for this "
            "registration, and I will tell them about the privacy notice."
        ),
        required=False,
    )


class BaseParticipantFormSet(forms.BaseFormSet):
    """The further participants of a group booking, with the booker's consent to name them.

    Each address may appear once in the group (the booker's included) and must not be
    actively registered for the event already.
    """

    def __init__(self, data=None, *, event, booker_email="", **kwargs):
        if data is not None and f"{PARTICIPANTS_PREFIX}-TOTAL_FORMS" not in data:
            # A form without the participants' part (a page from before it existed): no group.
            data = data.copy()
            data[f"{PARTICIPANTS_PREFIX}-TOTAL_FORMS"] = "0"
            data[f"{PARTICIPANTS_PREFIX}-INITIAL_FORMS"] = "0"
        super().__init__(data, prefix=PARTICIPANTS_PREFIX, **kwargs)
        self.event = event
        self.booker_email = booker_email.strip().lower()
        self.consent = ParticipantsConsentForm(data, prefix=PARTICIPANTS_PREFIX)

    def filled_forms(self) -> list[forms.Form]:
        return [form for form in self.forms if form.has_changed()]

    def is_valid(self) -> bool:
        # Both, so that the consent's error shows beside the participants' own.
        return super().is_valid() & self.consent.is_valid()

    def clean(self):
        if any(self.errors):
            return
        filled = self.filled_forms()
        seen = {self.booker_email} if self.booker_email else set()
        emails = {form.cleaned_data["email"].lower() for form in filled}
        registered = set(
            Registration.objects.active()
            .filter(event=self.event)
            .annotate(email_lower=Lower("email"))
            .filter(email_lower__in=emails)
            .values_list("email_lower", flat=True)
        )
        for form in filled:
            email = form.cleaned_data["email"].lower()
            if email in seen:
                form.add_error(
                    "email",
                    _("This e-mail address is already in the group. Each person needs their own."),
                )
            elif email in registered:
                form.add_error(
                    "email", _("This e-mail address is already registered for this event.")
                )
            seen.add(email)
        if (
            filled
            and self.consent.is_valid()
            and not self.consent.cleaned_data["participants_consent"]
        ):
            self.consent.add_error(
                "participants_consent",
                _("Please confirm that you may pass on the further participants' data."),
            )

    def participants(self) -> list[Participant]:
        return [
            Participant(
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
            for form in self.filled_forms()
        ]


ParticipantFormSet = forms.formset_factory(
    ParticipantForm,
    formset=BaseParticipantFormSet,
    extra=MAX_FURTHER_PARTICIPANTS,
    max_num=MAX_FURTHER_PARTICIPANTS,
    absolute_max=MAX_FURTHER_PARTICIPANTS,
    validate_max=True,
)


class CheckInSearchForm(forms.Form):
    q = forms.CharField(label=_("Name, organisation or ticket code"), max_length=100)
