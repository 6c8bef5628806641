from django import forms
from django.utils.translation import gettext_lazy as _

from legal.forms import PublicFormMixin
from members.forms import ACCESS_EMAIL_HELP
from members.models import Organisation

from .models import GroupMembership
from .services import NotAMember


class JoinAccessRequestForm(PublicFormMixin, forms.Form):
    """Step one of joining a working group: which member asks, and to which address."""

    organisation = forms.ModelChoiceField(
        label=_("Your organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("Please choose"),
        help_text=_("Only member organisations of the network can join its working groups."),
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=ACCESS_EMAIL_HELP,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only members are offered; a posted non-member is told why, not "not a valid choice".
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.members().order_by("name")
        field.error_messages["invalid_choice"] = NotAMember.message
        for name in ["privacy_consent", "homepage"]:
            self.fields[name] = self.fields.pop(name)


class JoinRequestForm(PublicFormMixin, forms.ModelForm):
    """Step two, reached through the one-time link: the organisation is fixed by the link."""

    class Meta:
        model = GroupMembership
        fields = ["group", "contact_name", "contact_email", "message"]
        labels = {
            "group": _("Working group"),
            "contact_name": _("Your name"),
            "contact_email": _("Your e-mail address"),
            "message": _("Why would your organisation like to join? (optional)"),
        }
        widgets = {
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "message": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        }

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["group"]
        field.queryset = groups
        field.empty_label = None if len(groups) == 1 else _("Please choose")
        self.fields["message"].max_length = 2000
