"""The one error a rule raises when it refuses a change, with a message for the person.

Services raise it (or an app's subclass of it) when the state of a record does not allow what
was asked: "This application has already been decided.", "There is no free place for this
event." Views show `message` to the visitor, and the back office's decisions
(`backoffice/decisions.py`) show it beside the record it concerns. Data errors are something
else: a `ValidationError` or `IntegrityError` says the data does not fit, not that a rule said
no.

This module imports no feature app, so that every app's services can build on it.
"""

from django.utils.translation import gettext_lazy as _


class RuleRefused(Exception):
    """A rule stops the change; `message` says why in the user's words.

    Subclasses name a refusal and give its message as the class attribute `message`
    (`class NoPlaceLeft(RegistrationError): message = _("...")`); a service may also pass a
    message of its own: `raise RegistrationError(_("Only open registrations ..."))`.
    """

    message = _("This change is not possible.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))

    def __str__(self):
        # In the language active where it is shown, not where it was raised.
        return str(self.message)
