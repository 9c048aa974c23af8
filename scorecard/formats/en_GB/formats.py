"""How dates read everywhere, in pages, papers, mails and history: the one place to change them.

Pages use `|date:"DATE_FORMAT"` (or `SHORT_DATE_FORMAT`, `DATETIME_FORMAT`, `TIME_FORMAT`); Python code uses
`django.utils.formats.date_format(day)` (or `date_format(day, "SHORT_DATE_FORMAT")`). Any format not named here
is Django's own for en-GB.
"""

DATE_FORMAT = "j F Y"  # 3 December 2026
SHORT_DATE_FORMAT = "j M Y"  # 3 Dec 2026
DATETIME_FORMAT = "j F Y, H:i"  # 3 December 2026, 14:05
TIME_FORMAT = "H:i"
