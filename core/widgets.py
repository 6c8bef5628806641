"""Form widgets shared by every app's forms and filters."""

from django import forms


class IsoDateInput(forms.DateInput):
    """`<input type=date>`, whose value the HTML standard defines as ISO 8601 (2027-03-06).

    Django's DateInput renders the locale's format (06.03.2027 on German pages), which browsers
    reject for this input type and then show an empty field.
    """

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
