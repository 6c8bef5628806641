"""The one check of a working group's uploaded documents: the type by the file's content,
not its name, and the size. A refused file raises ValidationError with a message in the
active language; the form then stores nothing."""

import contextlib
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A request carries at most 5 MB (MAX_REQUEST_BODY_SIZE); the press kit allows 4 MB as well.
MAX_DOCUMENT_BYTES = 4 * 1024 * 1024

PDF = {"pdf"}
# Office Open XML and OpenDocument files are ZIP archives with a known member inside.
OFFICE_OPEN_XML = {"docx", "xlsx", "pptx"}
OPEN_DOCUMENT = {"odt", "ods", "odp"}
ALLOWED_EXTENSIONS = PDF | OFFICE_OPEN_XML | OPEN_DOCUMENT


def _extension(name: str) -> str:
    name = (name or "").lower()
    return name.rsplit(".", 1)[-1] if "." in name else ""


def _zip_names(file) -> set[str]:
    try:
        with zipfile.ZipFile(file) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return set()


def validate_document(file) -> None:
    """Raise ValidationError unless `file` is a PDF or an office document within the size."""
    if file is None or getattr(file, "_committed", False):
        return  # stored earlier, and checked when it was uploaded
    extension = _extension(file.name)
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("Please upload a PDF, Word, Excel, PowerPoint or OpenDocument file."),
            code="invalid_extension",
        )
    size = getattr(file, "size", None)
    if size is not None and size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("The file is too large (%(size)s MB); at most %(limit)s MB are allowed.")
            % {"size": f"{size / 1024 / 1024:.1f}", "limit": "4"},
            code="file_too_large",
        )
    try:
        file.seek(0)
        if extension in PDF:
            if file.read(5) != b"%PDF-":
                raise ValidationError(_("This file is not a PDF document."), code="invalid_pdf")
            return
        names = _zip_names(file)
        expected = "[Content_Types].xml" if extension in OFFICE_OPEN_XML else "mimetype"
        if expected not in names:
            raise ValidationError(
                _("This file is not the document its name says it is."), code="invalid_document"
            )
    finally:
        with contextlib.suppress(AttributeError, ValueError, OSError):
            file.seek(0)
