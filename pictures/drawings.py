"""Pictures the portal draws itself with Pillow, for the demo data and the press kit.

No photograph is downloaded: the network's map, its logo and a few simple illustrations are
drawn here from shapes, the portal's own outline of Germany and the regions' coordinates.
Every drawing is deterministic, so that the demo loader makes the same file each time.
"""

import io
import math
import random
import re

from PIL import Image, ImageDraw, ImageFont

ACCENT = (11, 93, 122)
ACCENT_DARK = (6, 58, 77)
LIGHT = (226, 238, 243)
WARM = (199, 80, 0)
WHITE = (255, 255, 255)


def _font(size: int):
    return ImageFont.load_default(size=size)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


def _polygons(svg_path: str) -> list[list[tuple[float, float]]]:
    """The rings of an SVG path made of M, L and Z commands (the portal's outline files)."""
    rings = []
    for ring in re.findall(r"M[^MZ]*Z?", svg_path):
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", ring)]
        rings.append(list(zip(numbers[0::2], numbers[1::2], strict=False)))
    return rings


def network_map(outline_path: str, frame: tuple[int, int], points, borders_path: str = "") -> bytes:
    """Germany with the network's regions: `points` are (x, y, name, kind) in the outline's
    coordinates (regions/projection.py), `frame` its width and height."""
    scale = 3
    width, height = frame[0] * scale + 520, frame[1] * scale + 80
    image = Image.new("RGB", (width, height), WHITE)
    draw = ImageDraw.Draw(image)
    offset = (260, 40)

    def at(x, y):
        return offset[0] + x * scale, offset[1] + y * scale

    for ring in _polygons(outline_path):
        draw.polygon([at(x, y) for x, y in ring], fill=LIGHT, outline=ACCENT_DARK, width=3)
    for ring in _polygons(borders_path):
        draw.line([at(x, y) for x, y in ring], fill=(140, 170, 182), width=2)
    font = _font(30)
    for x, y, name, kind in points:
        cx, cy = at(x, y)
        radius = 16 if kind != "health_region" else 11
        draw.ellipse(
            (cx - radius, cy - radius, cx + radius, cy + radius), fill=ACCENT, outline=WHITE
        )
        left = kind == "health_region" and x < frame[0] / 2
        anchor = "rm" if left else "lm"
        draw.text(
            (cx + (-22 if left else 22), cy), name, fill=ACCENT_DARK, font=font, anchor=anchor
        )
    draw.text(
        (width - 24, height - 20),
        "Grafik: Clustermanagement",
        fill=(60, 60, 60),
        font=_font(22),
        anchor="rd",
    )
    return _png(image)


def network_logo(size: int = 1200) -> bytes:
    """The network's mark: linked circles, with the name beneath (transparent background)."""
    image = Image.new("RGBA", (size, size // 2), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    centre_y = size // 5
    nodes = [
        (size // 2 + int(math.cos(a) * size / 9), centre_y + int(math.sin(a) * size / 11))
        for a in (math.pi * k / 3 for k in range(6))
    ]
    for i, node in enumerate(nodes):
        draw.line([node, nodes[(i + 2) % 6]], fill=ACCENT, width=size // 120)
    for node in nodes:
        r = size // 40
        draw.ellipse((node[0] - r, node[1] - r, node[0] + r, node[1] + r), fill=ACCENT_DARK)
    draw.ellipse(
        (
            size // 2 - size // 28,
            centre_y - size // 28,
            size // 2 + size // 28,
            centre_y + size // 28,
        ),
        fill=WARM,
    )
    draw.text(
        (size // 2, size * 0.42),
        "Gesundheitswirtschaft im Netzwerk",
        fill=ACCENT_DARK,
        font=_font(size // 18),
        anchor="mm",
    )
    return _png(image)


def illustration(theme: str, size=(1800, 1200)) -> bytes:
    """A simple illustration: "network" (linked partners), "heartbeat" (a curve over a grid,
    for medical technology), "fair" (a trade-fair stand), "lab" (cell cultures in dishes)."""
    rng = random.Random(theme)  # noqa: S311 - a drawing, not a secret
    width, height = size
    image = Image.new("RGB", size, LIGHT)
    draw = ImageDraw.Draw(image)
    if theme == "network":
        nodes = [(rng.randint(120, width - 120), rng.randint(120, height - 120)) for _ in range(26)]
        for a in nodes:
            for b in sorted(nodes, key=lambda n: math.dist(a, n))[1:4]:
                draw.line([a, b], fill=(120, 160, 175), width=6)
        for i, (x, y) in enumerate(nodes):
            r = 34 if i % 5 else 52
            draw.ellipse((x - r, y - r, x + r, y + r), fill=WARM if i % 7 == 0 else ACCENT)
    elif theme == "heartbeat":
        for x in range(0, width, 60):
            draw.line([(x, 0), (x, height)], fill=(200, 220, 228), width=2)
        for y in range(0, height, 60):
            draw.line([(0, y), (width, y)], fill=(200, 220, 228), width=2)
        points, base = [], height // 2
        for x in range(0, width, 6):
            phase = x % 600
            if 260 < phase < 280:
                y = base - (phase - 260) * 22
            elif 280 <= phase < 310:
                y = base - 440 + (phase - 280) * 26
            elif 310 <= phase < 330:
                y = base + 340 - (phase - 310) * 17
            else:
                y = base + int(math.sin(x / 40) * 14)
            points.append((x, y))
        draw.line(points, fill=ACCENT_DARK, width=12, joint="curve")
    elif theme == "fair":
        draw.rectangle((0, height * 0.72, width, height), fill=(190, 205, 212))
        for k, colour in enumerate((ACCENT, ACCENT_DARK, WARM)):
            left = 160 + k * 540
            draw.rectangle((left, 260, left + 420, height * 0.72), fill=colour)
            draw.rectangle((left + 40, 320, left + 380, 560), fill=WHITE)
            draw.rectangle((left + 120, height * 0.72 - 200, left + 300, height * 0.72), fill=LIGHT)
    elif theme == "lab":
        for row in range(3):
            for col in range(4):
                cx, cy = 300 + col * 400, 260 + row * 340
                draw.ellipse(
                    (cx - 150, cy - 150, cx + 150, cy + 150), fill=WHITE, outline=ACCENT, width=10
                )
                for _ in range(14):
                    a, d = rng.uniform(0, 2 * math.pi), rng.uniform(0, 110)
                    x, y, r = cx + math.cos(a) * d, cy + math.sin(a) * d, rng.randint(10, 24)
                    draw.ellipse((x - r, y - r, x + r, y + r), fill=WARM if d > 80 else ACCENT)
    else:
        raise ValueError(f"unknown illustration {theme!r}")
    return _jpeg(image)
