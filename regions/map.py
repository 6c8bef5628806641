"""The region map: Germany's outline with a linked marker and a label for every region.

The portal draws the map itself as inline SVG: no tiles, no script, no request elsewhere.
Labels are placed greedily so that they do not cover each other or the markers, which matters
for the six NRW regions that lie close together; where no spot beside a marker is free, the
label moves further out and a leader line joins it to its marker.

On a phone the names would shrink to a few pixels, so the page draws the map twice: with the
names for wider screens, and for phones with large numbers at the markers and the numbered
names beneath (CSS shows one of the two; the other is `display: none`, so screen readers and
the keyboard meet each region's link once). Every marker is a link named after its region.

Borders between the federal states are drawn where the outline file has them (`borders`);
the build script (scripts/build_germany_outline.py) adds them from an admin-1 file when given
one. No such file is reachable offline under a licence the portal can use today.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

from . import projection

OUTLINE_FILE = Path(__file__).resolve().parent / "static" / "regions" / "germany-outline.json"

# Room beside the country for labels, in SVG user units.
MARGIN = 110
FONT_SIZE = 12
# The numbers of the phone map: drawn about 20 CSS pixels high on a 390-pixel-wide phone.
PHONE_FONT_SIZE = 22
# A generous average glyph width, so that estimated label boxes are never too small.
GLYPH_RATIO = 0.62
GLYPH_WIDTH = GLYPH_RATIO * FONT_SIZE
MARKER_RADIUS = {"state": 6.5, "cross_state": 7.5, "health_region": 5}
GAP = 3


@cache
def outline() -> dict:
    return json.loads(OUTLINE_FILE.read_text())


def state_borders_path() -> str:
    """The borders between the federal states as an SVG path, "" where the outline has none."""
    return outline().get("borders", "")


@dataclass
class Marker:
    region: object
    x: float
    y: float
    radius: float
    shape: str
    label_x: float = 0
    label_y: float = 0
    anchor: str = "start"
    leader: bool = False
    box: tuple = (0, 0, 0, 0)
    text: str = ""
    font_size: float = FONT_SIZE

    @property
    def points(self) -> str:
        """Corner points of the diamond drawn for cross-state regions."""
        x, y, r = self.x, self.y, self.radius
        corners = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
        return " ".join(f"{round(cx, 1)},{round(cy, 1)}" for cx, cy in corners)

    @property
    def square(self) -> tuple[float, float, float]:
        """Left, top and side of the square drawn for federal states."""
        return round(self.x - self.radius, 1), round(self.y - self.radius, 1), 2 * self.radius

    @property
    def leader_end(self) -> tuple[float, float]:
        """Where the leader line meets the label: its edge nearest to the marker."""
        return self.label_x, self.label_y - self.font_size * 0.35


def _label_box(
    text: str, x: float, y: float, anchor: str, font_size: float = FONT_SIZE
) -> tuple[float, float, float, float]:
    width = len(text) * GLYPH_RATIO * font_size
    left = {"start": x, "end": x - width, "middle": x - width / 2}[anchor]
    # y is the text's baseline; descenders reach a little below it.
    return left, y - font_size * 0.8, left + width, y + font_size * 0.25


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _candidates(marker: Marker):
    """Label positions to try, nearest first: (dx, dy, anchor, with leader line)."""
    r, half = marker.radius + GAP, marker.font_size * 0.35
    yield r, half, "start", False
    yield -r, half, "end", False
    yield 0, -r - 2, "middle", False
    yield 0, r + marker.font_size, "middle", False
    for distance in (18, 30, 44, 60):
        for dy in (0, -distance, distance, -distance / 2, distance / 2):
            yield r + distance, dy + half, "start", True
            yield -r - distance, dy + half, "end", True


def layout(regions, *, font_size: float = FONT_SIZE, numbered: bool = False) -> list[Marker]:
    """Markers with their labels placed: the regions' names, or (`numbered`) their numbers
    in the order of `regions`."""
    width, height = projection.WIDTH, projection.HEIGHT
    frame = (-MARGIN, 0, width + MARGIN, height)
    markers = []
    for region in regions:
        if region.latitude is None or region.longitude is None:
            continue
        if not projection.inside_frame(region.latitude, region.longitude):
            continue
        x, y = projection.project(region.latitude, region.longitude)
        shape = {"state": "square", "cross_state": "diamond"}.get(region.kind, "circle")
        radius = MARKER_RADIUS.get(region.kind, 5) * (1.5 if numbered else 1)
        text = str(len(markers) + 1) if numbered else region.name
        markers.append(Marker(region, x, y, radius, shape, text=text, font_size=font_size))

    occupied = [
        (m.x - m.radius - 1, m.y - m.radius - 1, m.x + m.radius + 1, m.y + m.radius + 1)
        for m in markers
    ]

    # Crowded markers first, so that they get the spots next to them.
    def crowding(marker):
        return -sum(
            1 for other in markers if abs(other.x - marker.x) + abs(other.y - marker.y) < 60
        )

    for marker in sorted(markers, key=lambda m: (crowding(m), m.region.name)):
        name = marker.text
        choice = None
        for dx, dy, anchor, leader in _candidates(marker):
            box = _label_box(name, marker.x + dx, marker.y + dy, anchor, font_size)
            inside = box[0] >= frame[0] and box[2] <= frame[2] and box[1] >= 0 and box[3] <= height
            if inside and not any(_overlaps(box, other) for other in occupied):
                choice = (dx, dy, anchor, leader, box)
                break
        if choice is None:  # Nothing free: keep the label readable on the right anyway.
            dx, dy, anchor, leader = marker.radius + GAP, font_size * 0.35, "start", False
            box = _label_box(name, marker.x + dx, marker.y + dy, anchor, font_size)
        else:
            dx, dy, anchor, leader, box = choice
        occupied.append(box)
        marker.box = box
        marker.label_x = round(marker.x + dx, 1)
        marker.label_y = round(marker.y + dy, 1)
        marker.anchor = anchor
        marker.leader = leader
    return markers


def _view_box(markers) -> str:
    # Crop the label margins to what the labels use, so that the country is drawn large.
    left = min([0.0] + [m.box[0] for m in markers]) - GAP
    right = max([float(projection.WIDTH)] + [m.box[2] for m in markers]) + GAP
    return f"{round(left)} 0 {round(right - left)} {projection.HEIGHT}"


def map_context(regions, *, title_id: str = "region-map-title") -> dict:
    data = outline()
    regions = list(regions)
    markers = layout(regions)
    # The phone's numbers run from north to south, so that the legend reads like the map.
    by_latitude = sorted(
        (r for r in regions if r.latitude is not None and r.longitude is not None),
        key=lambda r: (-float(r.latitude), float(r.longitude)),
    )
    phone_markers = layout(by_latitude, font_size=PHONE_FONT_SIZE, numbered=True)
    return {
        "outline_path": data["path"],
        "borders_path": state_borders_path(),
        "view_box": _view_box(markers),
        "markers": markers,
        "phone_view_box": _view_box(phone_markers),
        "phone_markers": sorted(phone_markers, key=lambda m: int(m.text)),
        "title_id": title_id,
        "font_size": FONT_SIZE,
        "phone_font_size": PHONE_FONT_SIZE,
        "map_title": _("Map of Germany with the network's regions"),
    }


def location_context(latitude, longitude, *, label: str, title_id: str) -> dict:
    """A small map of Germany with one point: where an organisation is (member profile).

    The point is placed by the same projection as the region map; a place outside the frame
    gets no point, and the template shows the address alone.
    """
    inside = (
        latitude is not None
        and longitude is not None
        and projection.inside_frame(latitude, longitude)
    )
    x, y = projection.project(latitude, longitude) if inside else (None, None)
    return {
        "inside": inside,
        "outline_path": outline()["path"],
        "borders_path": state_borders_path(),
        "view_box": projection.VIEWBOX,
        "width": projection.WIDTH,
        "height": projection.HEIGHT,
        "x": x,
        "y": y,
        "label": label,
        "title_id": title_id,
    }
