"""The map's projection, shared by the outline build script and the page (no Django here).

An equirectangular projection with the x axis shrunk by cos(51°), Germany's middle latitude,
keeps shapes close enough to true for a country of this size and needs no library.
"""

import math

# The frame around Germany (5.87°–15.04° E, 47.27°–55.06° N) with a little margin.
WEST, EAST = 5.6, 15.3
SOUTH, NORTH = 47.1, 55.2
X_SCALE = math.cos(math.radians(51))
# Pixels per degree of latitude in the SVG's user units.
UNIT = 60.0

WIDTH = round((EAST - WEST) * X_SCALE * UNIT)
HEIGHT = round((NORTH - SOUTH) * UNIT)
VIEWBOX = f"0 0 {WIDTH} {HEIGHT}"


def project(latitude: float, longitude: float) -> tuple[float, float]:
    """SVG user coordinates (x to the right, y downwards) of a point given in degrees."""
    x = (float(longitude) - WEST) * X_SCALE * UNIT
    y = (NORTH - float(latitude)) * UNIT
    return round(x, 1), round(y, 1)


def inside_frame(latitude: float, longitude: float) -> bool:
    return SOUTH <= float(latitude) <= NORTH and WEST <= float(longitude) <= EAST
