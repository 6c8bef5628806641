"""English dates and times of the portal: day before month and the 24-hour clock.

Django's "en" formats are American ("Dec. 27, 2026, 10 a.m."); the portal's readers are in
Europe and its German pages use the 24-hour clock, so English pages read "27 December 2026, 10:00".
Mails are rendered under the recipient's language and take the same formats.
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
