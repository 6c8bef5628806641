"""German dates and times of the portal: "4. März 2031, 14:30 Uhr".

Django's German formats leave out the comma and "Uhr" ("4. März 2031 14:30"), which reads as
a list of numbers in running text and in mails. Times alone stay bare ("14:30") so that
ranges can put one "Uhr" after both (events/periods.py).
"""

DATE_FORMAT = "j. F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = r"j. F Y, H:i \U\h\r"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j. F"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
