"""The picture library: every picture the portal shows, with its alternative text in both
languages, its caption, its credit ("Foto: …") and its licence.

Other models point at a picture with `PictureField` (a ForeignKey that only offers published
pictures); pages render it with `{% picture %}` (templatetags/pictures.py), which draws one
`<figure>` with WebP sizes, a fallback, the alternative text, the caption and the credit.
"""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import renditions
from .validation import ImageValidator

MAX_BYTES = 4 * 1024 * 1024  # a request carries at most 5 MB (MAX_REQUEST_BODY_SIZE)
MAX_SIDE = 6000  # enough for print at 300 dpi up to 50 cm


class PictureQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Picture(models.Model):
    class Licence(models.TextChoices):
        PRESS = "press", _("Free for reporting on the network, with the credit")
        CC_BY = "cc-by-4.0", _("Creative Commons Attribution 4.0 (CC BY 4.0)")
        CC0 = "cc0", _("Public domain (CC0)")
        RIGHTS_RESERVED = "reserved", _("All rights reserved; shown here with permission")

    title = models.CharField(
        _("title"), max_length=200, help_text=_("For finding the picture in the library.")
    )
    original = models.ImageField(
        _("image file"),
        upload_to="pictures/originals/%Y/",
        width_field="width",
        height_field="height",
        validators=[ImageValidator(max_bytes=MAX_BYTES, max_side=MAX_SIDE)],
        help_text=_("PNG, JPEG or WebP, at most 4 MB and 6000 × 6000 pixels."),
    )
    width = models.PositiveIntegerField(_("width"), null=True, editable=False)
    height = models.PositiveIntegerField(_("height"), null=True, editable=False)
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_(
            "Describes the picture for people who cannot see it. Required in German and "
            "English before the picture is published."
        ),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(
        _("credit"),
        max_length=200,
        help_text=_("Shown with the picture, e.g. “Foto: Name” or “Grafik: Clustermanagement”."),
    )
    licence = models.CharField(
        _("licence"), max_length=20, choices=Licence.choices, default=Licence.PRESS
    )
    is_published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("Only published pictures can be chosen for pages and are shown there."),
    )
    sizes = models.JSONField(_("sizes"), default=list, blank=True, editable=False)
    sizes_made_from = models.CharField(max_length=255, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PictureQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("picture")
        verbose_name_plural = _("pictures")
        constraints = [
            # The database's own guard: nothing public without a description for screen readers.
            models.CheckConstraint(
                condition=Q(is_published=False) | (~Q(alt_text_de="") & ~Q(alt_text_en="")),
                name="picture_published_has_alt_text",
            ),
            models.CheckConstraint(condition=~Q(credit=""), name="picture_has_credit"),
            models.CheckConstraint(
                condition=Q(licence__in=["press", "cc-by-4.0", "cc0", "reserved"]),
                name="picture_licence_valid",
            ),
        ]
        indexes = [models.Index(fields=["is_published", "title"], name="picture_published")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if self.original and self.sizes_made_from != self.original.name:
            self.make_sizes()

    def clean(self):
        errors = {}
        if self.is_published:
            for code in ("de", "en"):
                if not (getattr(self, f"alt_text_{code}", "") or "").strip():
                    errors[f"alt_text_{code}"] = _(
                        "Describe the picture for people who cannot see it before publishing it."
                    )
        if not (self.credit or "").strip():
            errors["credit"] = _("Name the author or source of the picture.")
        if errors:
            raise ValidationError(errors)

    def make_sizes(self) -> None:
        """Write the responsive sizes of the current original and forget the old ones."""
        old = self.sizes
        with self.original.open("rb") as original:
            self.sizes = renditions.make_renditions(
                original, stem=f"{self.pk}-{renditions.stem_of(self.original.name)}"
            )
        self.sizes_made_from = self.original.name
        # update(): no second save, no second signal; the save before has marked the change.
        type(self).objects.filter(pk=self.pk).update(
            sizes=self.sizes, sizes_made_from=self.sizes_made_from
        )
        transaction.on_commit(lambda: renditions.delete_renditions(old))

    # --- what the templates read --------------------------------------------------------------

    @property
    def srcset_webp(self) -> str:
        return ", ".join(f"{_url(size['webp'])} {size['width']}w" for size in self.sizes)

    @property
    def srcset_fallback(self) -> str:
        return ", ".join(f"{_url(size['fallback'])} {size['width']}w" for size in self.sizes)

    @property
    def fallback_type(self) -> str:
        return self.sizes[0]["fallback_type"] if self.sizes else ""

    @property
    def default_size(self) -> dict | None:
        """The size an `<img>` without srcset support loads: the middle one."""
        if not self.sizes:
            return None
        return self.sizes[min(1, len(self.sizes) - 1)]

    @property
    def default_url(self) -> str:
        size = self.default_size
        return _url(size["fallback"]) if size else self.original.url

    @property
    def web_size(self) -> dict | None:
        """The largest size (at most 1600 pixels wide): the download "for the web"."""
        return self.sizes[-1] if self.sizes else None

    @property
    def web_size_url(self) -> str:
        size = self.web_size
        return _url(size["fallback"]) if size else ""

    @property
    def display_width(self) -> int:
        size = self.default_size
        return size["width"] if size else (self.width or 0)

    @property
    def display_height(self) -> int:
        size = self.default_size
        return size["height"] if size else (self.height or 0)


def _url(name: str) -> str:
    from django.core.files.storage import default_storage

    return default_storage.url(name)


class PictureField(models.ForeignKey):
    """A link to a picture of the library; only published pictures can be chosen.

    `limit_choices_to` is also what the ForeignKey's own validation checks, so a form or a
    `full_clean()` refuses a picture that is not published (and so has no alternative text).
    """

    def __init__(self, verbose_name=None, **kwargs):
        kwargs.setdefault("to", "pictures.Picture")
        kwargs.setdefault("on_delete", models.PROTECT)
        kwargs.setdefault("null", True)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("related_name", "+")
        kwargs.setdefault("limit_choices_to", {"is_published": True})
        super().__init__(verbose_name=verbose_name, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        # Migrations record a plain ForeignKey, so that they never import this class.
        return name, "django.db.models.ForeignKey", args, kwargs
