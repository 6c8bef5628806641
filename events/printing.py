"""Print-ready PDFs of an event's participants: name badges and the check-in list to sign.

Made with fpdf2 (pure Python, no system libraries) and the DejaVu Sans font shipped in
`events/fonts/` (embedded as a subset, so every name prints with its own letters: ł, ş, ø …).
Both list the confirmed participants only, sorted by name.
"""

import unicodedata
from pathlib import Path

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from fpdf import FPDF, FontFace
from fpdf.enums import Align, TableCellFillMode, XPos, YPos

from .models import Registration

FONTS = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"
# The portal's colour (static/css/portal.css) and a light tint of it.
INK = (6, 58, 77)
BAND = (10, 85, 112)
TINT = (230, 240, 243)

# Badges: 2 × 4 on an A4 sheet, 95 × 65 mm each, to cut along the thin lines or to slide into
# common 90 × 60 mm badge holders after trimming.
BADGE_WIDTH, BADGE_HEIGHT = 95.0, 65.0
BADGE_COLUMNS, BADGE_ROWS = 2, 4
BADGES_PER_SHEET = BADGE_COLUMNS * BADGE_ROWS


def sort_key(name: str) -> str:
    """Names in the order a reader expects: "Ärzte" beside "Arzt", case ignored."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def confirmed_participants(event) -> list[Registration]:
    registrations = event.registrations.filter(status=Registration.Status.CONFIRMED)
    return sorted(registrations, key=lambda r: (sort_key(r.name), r.pk))


def event_when_and_where(event, *, short: bool = False) -> str:
    """The date (and times) of the event and where it is; `short`: the city alone."""
    if event.date_unknown:
        when = ""
    else:
        start = timezone.localtime(event.start)
        end = timezone.localtime(event.end)
        when = formats.date_format(start, "DATE_FORMAT")
        if end.date() != start.date():
            when += " – " + formats.date_format(end, "DATE_FORMAT")
        else:
            when += ", " + formats.time_format(start, "TIME_FORMAT")
            when += "–" + formats.time_format(end, "TIME_FORMAT")
    where = (event.city or event.place) if short else event.place
    return " · ".join(part for part in [when, where] if part)


class PortalPDF(FPDF):
    """A4 with the portal's font, and the document's title and language set."""

    def __init__(self, title: str, language: str):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.add_font(FONT, "", str(FONTS / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_font(FONT, size=10)
        self.set_title(title)
        self.set_lang(language)
        self.set_creator(_("Health economy network"))
        self.set_author(_("Health economy network"))
        self.set_text_color(*INK)

    def fitted_size(self, text: str, width: float, largest: float, smallest: float) -> float:
        """The largest font size (in points, at most `largest`) at which `text` fits `width`."""
        size = largest
        while size > smallest:
            self.set_font_size(size)
            if self.get_string_width(text) <= width:
                break
            size -= 0.5
        self.set_font_size(size)
        return size


def badges_pdf(event, language: str) -> bytes:
    """Name badges of the confirmed participants: name, organisation and the event, 8 a sheet."""
    participants = confirmed_participants(event)
    pdf = PortalPDF(_("Name badges: %(event)s") % {"event": event.title}, language)
    pdf.set_auto_page_break(False)
    left = (pdf.w - BADGE_COLUMNS * BADGE_WIDTH) / 2
    top = (pdf.h - BADGE_ROWS * BADGE_HEIGHT) / 2
    details = event_when_and_where(event, short=True)
    for index, registration in enumerate(participants):
        if index % BADGES_PER_SHEET == 0:
            pdf.add_page()
        position = index % BADGES_PER_SHEET
        x = left + (position % BADGE_COLUMNS) * BADGE_WIDTH
        y = top + (position // BADGE_COLUMNS) * BADGE_HEIGHT
        _badge(pdf, x, y, registration, event.title, details)
    if not participants:
        pdf.add_page()
        pdf.set_font(FONT, size=12)
        pdf.cell(text=_("No confirmed participant yet."))
    return bytes(pdf.output())


def _badge(pdf: PortalPDF, x: float, y: float, registration, title: str, details: str) -> None:
    inner = BADGE_WIDTH - 10
    # The cutting line: thin and light, so that it does not show on a trimmed badge.
    pdf.set_draw_color(190, 190, 190)
    pdf.set_line_width(0.2)
    pdf.rect(x, y, BADGE_WIDTH, BADGE_HEIGHT)
    # The event on a band in the portal's colour.
    pdf.set_fill_color(*BAND)
    pdf.rect(x, y, BADGE_WIDTH, 13, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font(FONT, "B")
    pdf.fitted_size(title, inner, 11, 7)
    pdf.set_xy(x + 5, y + 2)
    pdf.multi_cell(inner, 4.5, title, align=Align.C, max_line_height=4.5, new_x=XPos.LEFT)
    # The name, as large as it fits, and the organisation below it.
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, "B")
    size = pdf.fitted_size(registration.name, inner, 22, 12)
    pdf.set_xy(x + 5, y + 22)
    pdf.multi_cell(inner, size * 0.45, registration.name, align=Align.C, new_x=XPos.LEFT)
    if registration.organisation_name:
        pdf.set_font(FONT, "", 12)
        pdf.fitted_size(registration.organisation_name, inner, 12, 9)
        pdf.set_xy(x + 5, pdf.get_y() + 2)
        pdf.multi_cell(inner, 5, registration.organisation_name, align=Align.C, max_line_height=5)
    if details:
        pdf.set_font(FONT, "")
        pdf.fitted_size(details, inner, 8, 5.5)
        pdf.set_xy(x + 5, y + BADGE_HEIGHT - 8)
        pdf.cell(inner, 4, details, align=Align.C)


class CheckInListPDF(PortalPDF):
    """Every page names the event and says which page of how many it is."""

    def __init__(self, event, language: str, count: int):
        self.event = event
        self.count = count
        self.details = event_when_and_where(event)
        super().__init__(_("Check-in list: %(event)s") % {"event": event.title}, language)
        self.set_auto_page_break(True, margin=18)
        self.set_margins(15, 15, 15)

    def header(self):
        self.set_font(FONT, "B", 14)
        title = _("Check-in list: %(event)s") % {"event": self.event.title}
        self.multi_cell(0, 7, title, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FONT, "", 9.5)
        participants = ngettext(
            "%(count)d confirmed participant", "%(count)d confirmed participants", self.count
        ) % {"count": self.count}
        line = " · ".join(part for part in [self.details, participants] if part)
        self.multi_cell(0, 5, line, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(4)

    def footer(self):
        self.set_y(-13)
        self.set_font(FONT, "", 8)
        printed = formats.date_format(timezone.localtime(), "SHORT_DATETIME_FORMAT")
        self.cell(0, 5, _("Printed on %(date)s") % {"date": printed}, align=Align.L)
        self.set_x(self.l_margin)
        self.cell(
            0,
            5,
            _("Page %(page)s of %(pages)s") % {"page": self.page_no(), "pages": "{nb}"},
            align=Align.R,
        )


def check_in_list_pdf(event, language: str) -> bytes:
    """The confirmed participants by name, with a column for each one's signature."""
    participants = confirmed_participants(event)
    pdf = CheckInListPDF(event, language, len(participants))
    pdf.add_page()
    headings = FontFace(emphasis="BOLD", fill_color=TINT)
    with pdf.table(
        col_widths=(9, 50, 58, 63),
        text_align=(Align.R, Align.L, Align.L, Align.L),
        headings_style=headings,
        line_height=5,
        padding=(3.5, 1.5),  # rows of at least 12 mm: room to sign
        cell_fill_color=(248, 250, 251),
        cell_fill_mode=TableCellFillMode.ROWS,
        borders_layout="HORIZONTAL_LINES",
        v_align="MIDDLE",
    ) as table:
        heading = table.row()
        for text in ["#", _("Name"), _("Organisation"), _("Signature")]:
            heading.cell(text)
        for number, registration in enumerate(participants, start=1):
            row = table.row()
            row.cell(str(number))
            row.cell(registration.name)
            row.cell(registration.organisation_name or "–")
            row.cell("")
    if not participants:
        pdf.set_y(pdf.get_y() + 4)
        pdf.cell(text=_("No confirmed participant yet."), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())
