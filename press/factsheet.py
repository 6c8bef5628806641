"""A plain one-page PDF with real text (not a picture of text), for the press kit's fact sheet.

The portal writes it itself: Helvetica, one of the fonts every PDF reader has, in the Windows
code page that PDF's WinAnsiEncoding follows (German umlauts, „quotes“ and the euro sign), lines
wrapped to the page. Screen readers and search read the text; the same facts are on the
portal's pages.
"""

import textwrap

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 56
LINE = {"title": 24, "heading": 18, "text": 14}
SIZE = {"title": 18, "heading": 13, "text": 10.5}
WRAP = {"title": 48, "heading": 70, "text": 95}


def _escape(text: str) -> bytes:
    encoded = text.encode("cp1252", errors="replace")
    return encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def fact_sheet_pdf(title: str, blocks: list[tuple[str, str]]) -> bytes:
    """`blocks` are (style, text) with style "heading" or "text"; the title comes first."""
    lines: list[tuple[str, str]] = []
    for style, text in [("title", title), *blocks]:
        for line in textwrap.wrap(text, WRAP[style]) or [""]:
            lines.append((style, line))
        lines.append(("gap", ""))
    content = [b"BT"]
    y = PAGE_HEIGHT - MARGIN
    for style, line in lines:
        if style == "gap":
            y -= 6
            continue
        y -= LINE[style]
        font = b"/F2" if style in ("title", "heading") else b"/F1"
        content.append(
            font + f" {SIZE[style]} Tf 1 0 0 1 {MARGIN} {y} Tm (".encode() + _escape(line) + b") Tj"
        )
    content.append(b"ET")
    stream = b"\n".join(content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Lang (de-DE) >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
        "/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
        f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream",
        b"<< /Title (" + _escape(title) + b") /Producer (Gesundheitswirtschaft im Netzwerk) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n"
    ).encode()
    return bytes(out)
