"""When an event takes place, said once for pages, mails and the admin.

"11. Januar 2027, 10:00–17:00 Uhr" for a day, "21. April 2027, 09:00 Uhr – 23. April 2027,
18:00 Uhr" for several, in the active language; an event whose date is only a placeholder
says that the date is not recorded.
"""

from django.utils import formats, timezone
from django.utils.translation import gettext, pgettext


def event_period(event) -> str:
    if not event.has_known_date:
        return gettext("The exact date is not recorded.")
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    if start.date() == end.date():
        return pgettext("one day with start and end time", "%(day)s, %(start)s–%(end)s") % {
            "day": formats.date_format(start, "DATE_FORMAT"),
            "start": formats.time_format(start, "TIME_FORMAT"),
            "end": formats.time_format(end, "TIME_FORMAT"),
        }
    return pgettext("start and end of several days", "%(start)s – %(end)s") % {
        "start": formats.date_format(start, "DATETIME_FORMAT"),
        "end": formats.date_format(end, "DATETIME_FORMAT"),
    }
