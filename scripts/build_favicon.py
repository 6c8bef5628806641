"""Draw the portal's favicon: a white cross on the portal's accent colour.

Writes static/icons/favicon.svg (for browsers that take SVG icons) and static/icons/favicon.ico
(16, 32 and 48 px, for /favicon.ico and older browsers). Run again after changing the design:

    .venv/bin/python scripts/build_favicon.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parents[1] / "static" / "icons"
ACCENT = "#0b5d7a"  # --portal-accent in static/css/portal.css
SIZE = 32  # the design's grid; the cross is 6 units wide

SVG = f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}">
<rect width="{SIZE}" height="{SIZE}" rx="6" fill="{ACCENT}"/>
<path d="M13 6h6v7h7v6h-7v7h-6v-7H6v-6h7z" fill="#fff"/>
</svg>
"""


def draw(scale: int) -> Image.Image:
    image = Image.new("RGBA", (SIZE * scale, SIZE * scale), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, SIZE * scale - 1, SIZE * scale - 1), 6 * scale, fill=ACCENT)
    pen.rectangle((13 * scale, 6 * scale, 19 * scale - 1, 26 * scale - 1), fill="white")
    pen.rectangle((6 * scale, 13 * scale, 26 * scale - 1, 19 * scale - 1), fill="white")
    return image


def main():
    ICONS.mkdir(parents=True, exist_ok=True)
    (ICONS / "favicon.svg").write_text(SVG, encoding="utf-8")
    # Drawn large and scaled down, so that the small sizes are smooth.
    large = draw(8)
    large.save(ICONS / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main()
