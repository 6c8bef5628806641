from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from .models import MAX_BYTES, MAX_SIDE, Picture
from .validation import ImageValidator


def picture_file_field(**kwargs) -> forms.FileField:
    """The upload as a plain file field with the library's one check: Django's ImageField
    would answer first with its own message, and would open a decompression bomb to learn its
    dimensions before any check ran."""
    return forms.FileField(
        validators=[ImageValidator(max_bytes=MAX_BYTES, max_side=MAX_SIDE)],
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        **kwargs,
    )


class AltTextFilter(admin.SimpleListFilter):
    title = _("alternative text")
    parameter_name = "alt"

    def lookups(self, request, model_admin):
        return [("missing", _("Missing in a language")), ("complete", _("In both languages"))]

    def queryset(self, request, queryset):
        missing = queryset.filter(alt_text_de="") | queryset.filter(alt_text_en="")
        if self.value() == "missing":
            return missing
        if self.value() == "complete":
            return queryset.exclude(pk__in=missing.values("pk"))
        return queryset


@admin.register(Picture)
class PictureAdmin(TranslationAdmin):
    list_display = ["preview", "title", "credit", "licence", "is_published", "size_label"]
    list_display_links = ["preview", "title"]
    list_filter = ["is_published", "licence", AltTextFilter]
    search_fields = ["title", "alt_text_de", "alt_text_en", "caption_de", "caption_en", "credit"]
    readonly_fields = ["preview_large", "size_label", "created_at", "updated_at"]
    actions = ["publish"]
    fieldsets = [
        (None, {"fields": ["title", "original", "preview_large", "size_label"]}),
        (
            _("Texts"),
            {
                "fields": ["alt_text", "caption"],
                "description": _(
                    "The alternative text says what the picture shows, for people who cannot "
                    "see it; the caption is read by everyone."
                ),
            },
        ),
        (_("Rights"), {"fields": ["credit", "licence"]}),
        (_("Publication"), {"fields": ["is_published", "created_at", "updated_at"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "original":
            return picture_file_field(
                label=db_field.verbose_name.capitalize(), help_text=db_field.help_text
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("preview"))
    def preview(self, picture):
        if not picture.sizes:
            return "–"
        return format_html('<img src="{}" alt="" width="80">', picture.default_url)

    @admin.display(description=_("preview"))
    def preview_large(self, picture):
        if not picture.sizes:
            return "–"
        return format_html(
            '<img src="{}" alt="{}" width="320">',
            picture.default_url,
            picture.alt_text,
        )

    @admin.display(description=_("size"))
    def size_label(self, picture):
        if not picture.width:
            return "–"
        return f"{picture.width} × {picture.height} px"

    @admin.action(description=_("Publish the selected pictures"))
    def publish(self, request, queryset):
        published, refused = 0, []
        for picture in queryset.filter(is_published=False):
            picture.is_published = True
            try:
                picture.full_clean()
            except ValidationError:
                refused.append(str(picture))
                continue
            picture.save(update_fields=["is_published", "updated_at"])
            published += 1
        if published:
            self.message_user(
                request,
                ngettext("%(count)d picture published.", "%(count)d pictures published.", published)
                % {"count": published},
                messages.SUCCESS,
            )
        if refused:
            self.message_user(
                request,
                _("Not published, the alternative text is missing in a language: %(titles)s")
                % {"titles": ", ".join(refused)},
                messages.ERROR,
            )
