"""The press area: the network's press contacts, press photos, the press kit and the specialist
articles ("Fachbeiträge") placed in trade journals. Press releases are news items of the kind
"press release" (news app), each with its own press contact."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pictures.models import PictureField
from pictures.validation import validate_image

MAX_KIT_FILE_BYTES = 4 * 1024 * 1024
KIT_FILE_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg"}


def validate_kit_file(file) -> None:
    """A PDF (judged by its content, not its name) or a PNG or JPEG image, at most 4 MB."""
    if file is None or getattr(file, "_committed", False):
        return
    name = (file.name or "").lower()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    if extension == "jpeg":
        extension = "jpg"
    if extension not in KIT_FILE_TYPES:
        raise ValidationError(_("Please upload a PDF, PNG or JPEG file."), code="invalid_extension")
    if extension == "pdf":
        if file.size is not None and file.size > MAX_KIT_FILE_BYTES:
            raise ValidationError(
                _("The file is too large (%(size)s MB); at most %(limit)s MB are allowed.")
                % {"size": f"{file.size / 1024 / 1024:.1f}", "limit": "4"},
                code="file_too_large",
            )
        file.seek(0)
        head = file.read(5)
        file.seek(0)
        if head != b"%PDF-":
            raise ValidationError(_("This file is not a PDF document."), code="invalid_pdf")
        return
    validate_image(file, max_bytes=MAX_KIT_FILE_BYTES, max_side=6000)


class PressContact(models.Model):
    """A press contact of the network, listed on the press page."""

    name = models.CharField(_("name"), max_length=120)
    role = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    fax = models.CharField(_("fax"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_public = models.BooleanField(
        _("show publicly"),
        default=True,
        help_text=_("The person agreed to be named as a press contact on the press page."),
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")
        constraints = [
            # A press contact nobody can reach is no contact.
            models.CheckConstraint(
                condition=~Q(phone="") | ~Q(email=""), name="presscontact_reachable"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if not (self.phone.strip() or self.email.strip()):
            raise ValidationError(
                {"phone": _("Give the press contact's phone number or e-mail address.")}
            )


class PressPhotoQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True, picture__is_published=True).select_related("picture")


class PressPhoto(models.Model):
    """A picture of the library offered to the press, at print size and at web size."""

    picture = PictureField(_("picture"), null=False, blank=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_public = models.BooleanField(_("show on the press page"), default=True)

    objects = PressPhotoQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("press photo")
        verbose_name_plural = _("press photos")
        constraints = [
            models.UniqueConstraint(fields=["picture"], name="pressphoto_unique_picture"),
        ]

    def __str__(self):
        return str(self.picture)


class PressKitFile(models.Model):
    """A file of the press kit: the fact sheet, logos, ..."""

    class Kind(models.TextChoices):
        FACT_SHEET = "fact_sheet", _("Fact sheet")
        LOGO = "logo", _("Logo")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=200)
    description = models.CharField(_("description"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    file = models.FileField(
        _("file"),
        upload_to="press/kit/",
        validators=[validate_kit_file],
        help_text=_("PDF, PNG or JPEG, at most 4 MB."),
    )
    file_size = models.PositiveIntegerField(_("file size"), default=0, editable=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_public = models.BooleanField(_("show on the press page"), default=True)

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("press kit file")
        verbose_name_plural = _("press kit files")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file:
            # Read once here, so that the press page never asks the storage for sizes.
            self.file_size = self.file.size
        super().save(*args, **kwargs)

    @property
    def file_type(self) -> str:
        return self.file.name.rsplit(".", 1)[-1].upper() if self.file else ""


class SpecialistArticle(models.Model):
    """A specialist article ("Fachbeitrag") the network placed in a trade journal."""

    title = models.CharField(_("title"), max_length=300)
    journal = models.CharField(_("journal"), max_length=200)
    issue = models.CharField(
        _("issue"), max_length=60, blank=True, help_text=_("For example 3/2026 or 42.")
    )
    published_on = models.DateField(_("publication date"))
    authors = models.CharField(_("authors"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    url = models.URLField(
        _("link"), blank=True, help_text=_("Where the article can be read, if anywhere.")
    )
    language = models.CharField(
        _("language of the article"),
        max_length=8,
        choices=[("de", _("German")), ("en", _("English"))],
        default="de",
    )
    regions = models.ManyToManyField(
        "regions.Region", verbose_name=_("regions"), blank=True, related_name="+"
    )
    is_public = models.BooleanField(_("show on the press page"), default=True)

    class Meta:
        ordering = ["-published_on", "title"]
        verbose_name = _("specialist article")
        verbose_name_plural = _("specialist articles")
        indexes = [models.Index(fields=["is_public", "-published_on"], name="article_public")]

    def __str__(self):
        return self.title
