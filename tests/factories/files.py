import io

from PIL import Image


def image_bytes(image_format: str = "PNG", size=(400, 200), color=(20, 120, 200)) -> bytes:
    """A real image made by Pillow, so the checks run against genuine file content."""
    buffer = io.BytesIO()
    mode = "RGBA" if image_format in ("PNG", "WEBP") else "RGB"
    Image.new(mode, size, color).save(buffer, format=image_format)
    return buffer.getvalue()
