"""Strings of Django's admin and of third-party apps that their German catalogues lack.

The project catalogue (`locale/`) comes first in LOCALE_PATHS, so its German wins over the
packages' own. Marked here, they stay in that catalogue when `scripts/makemessages` runs with
`--no-obsolete`, which drops every entry it does not find in the project's source.
"""

from django.utils.translation import gettext_noop

FOREIGN_STRINGS = (
    # Django 6.1's admin
    gettext_noop("- Select an option -"),
    gettext_noop("Run"),
    gettext_noop("Search %(name)s"),
    gettext_noop("Pagination %(name)s"),
    gettext_noop("Pagination %(name)s entries"),
    # django-tasks-db
    gettext_noop("Task Result"),
    gettext_noop("Task Results"),
)
