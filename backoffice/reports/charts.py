"""Bar charts as SVG, drawn on the server: no JavaScript, nothing loaded from elsewhere.

Each chart is an image with a name (`<title>`) and a description (`<desc>`) that says what it
shows and its largest values; every bar carries its label and its number as text, so neither
colour nor length alone tells anything. The data table stands next to the chart on the page.
Presentation attributes only (fill, font-size): the Content-Security-Policy allows no inline
style.
"""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .figures import Figure

BAR = "#0a5570"  # 8:1 against white: the bars stand out at any size
TEXT = "#1b1b1b"
GRID = "#767676"  # 4.5:1 against white
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
WIDTH = 640


def _describe(figure: Figure) -> str:
    """The chart in words: what it shows and its largest values."""
    values = [(row[0], row[figure.chart_column]) for row in figure.rows]
    if not values or not any(value for _label, value in values):
        return _("%(title)s: nothing to show.") % {"title": figure.title}
    largest = sorted(values, key=lambda pair: -pair[1])[:3]
    listed = ", ".join(f"{label}: {value}" for label, value in largest if value)
    return _("%(title)s. Total %(total)s. Largest: %(largest)s.") % {
        "title": figure.title,
        "total": figure.total,
        "largest": listed,
    }


def _svg(figure: Figure, height: int, body: list[str]) -> SafeString:
    key = escape(figure.key)
    return mark_safe(  # noqa: S308 - every text inside is escaped above
        f'<svg class="report-chart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" aria-labelledby="{key}-title {key}-desc" '
        f'font-family="{FONT}" font-size="13" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{key}-title">{escape(figure.title)}</title>'
        f'<desc id="{key}-desc">{escape(_describe(figure))}</desc>' + "".join(body) + "</svg>"
    )


def _clip(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def horizontal_bars(figure: Figure) -> SafeString:
    """One bar a row, label on the left, number after the bar."""
    rows = [(str(row[0]), row[figure.chart_column]) for row in figure.rows]
    label_width, row_height, top = 250, 26, 8
    bar_space = WIDTH - label_width - 60
    largest = max([value for _label, value in rows] + [1])
    height = top * 2 + row_height * max(len(rows), 1)
    body = [
        f'<line x1="{label_width}" y1="{top}" x2="{label_width}" y2="{height - top}" '
        f'stroke="{GRID}" stroke-width="1"/>'
    ]
    for index, (label, value) in enumerate(rows):
        y = top + index * row_height
        length = round(bar_space * value / largest, 1)
        middle = y + row_height / 2 + 4.5
        body.append(
            f'<text x="{label_width - 8}" y="{middle}" text-anchor="end" fill="{TEXT}">'
            f"{escape(_clip(label, 34))}</text>"
        )
        if length:
            body.append(
                f'<rect x="{label_width}" y="{y + 4}" width="{length}" height="{row_height - 8}" '
                f'fill="{BAR}"/>'
            )
        body.append(
            f'<text x="{label_width + length + 6}" y="{middle}" fill="{TEXT}" '
            f'font-weight="bold">{value}</text>'
        )
    if not rows:
        nothing = escape(_("No data"))
        body.append(f'<text x="{label_width + 8}" y="{top + 17}" fill="{TEXT}">{nothing}</text>')
    return _svg(figure, height, body)


def vertical_bars(figure: Figure) -> SafeString:
    """One standing bar a row (months, weeks), the label below and the number on top."""
    labels = figure.chart_labels or [str(row[0]) for row in figure.rows]
    rows = [
        (label, row[figure.chart_column]) for label, row in zip(labels, figure.rows, strict=True)
    ]
    height, bottom, top, left = 250, 46, 24, 10
    slot = (WIDTH - 2 * left) / max(len(rows), 1)
    bar_height = height - top - bottom
    largest = max([value for _label, value in rows] + [1])
    baseline = height - bottom
    body = [
        f'<line x1="{left}" y1="{baseline}" x2="{WIDTH - left}" y2="{baseline}" '
        f'stroke="{GRID}" stroke-width="1"/>'
    ]
    for index, (label, value) in enumerate(rows):
        x = left + index * slot
        length = round(bar_height * value / largest, 1)
        centre = round(x + slot / 2, 1)
        if length:
            body.append(
                f'<rect x="{round(x + slot * 0.15, 1)}" y="{baseline - length}" '
                f'width="{round(slot * 0.7, 1)}" height="{length}" fill="{BAR}"/>'
            )
        body.append(
            f'<text x="{centre}" y="{baseline - length - 6}" text-anchor="middle" '
            f'fill="{TEXT}" font-weight="bold">{value}</text>'
        )
        body.append(
            f'<text x="{centre}" y="{baseline + 17}" text-anchor="middle" fill="{TEXT}" '
            f'font-size="12">{escape(_clip(label, 8))}</text>'
        )
    # What the labels under the bars are (months, weeks before the event).
    body.append(
        f'<text x="{WIDTH / 2}" y="{height - 8}" text-anchor="middle" fill="{TEXT}" '
        f'font-size="12">{escape(str(figure.columns[0]))}</text>'
    )
    return _svg(figure, height, body)


def chart(figure: Figure) -> SafeString:
    return vertical_bars(figure) if figure.vertical else horizontal_bars(figure)
