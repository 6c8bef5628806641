from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .models import PressContact, PressKitFile, PressPhoto, SpecialistArticle


@admin.register(PressContact)
class PressContactAdmin(TranslationAdmin):
    list_display = ["name", "role", "organisation", "phone", "email", "is_public", "position"]
    list_editable = ["position"]
    list_filter = ["is_public"]
    search_fields = ["name", "organisation", "email"]


@admin.register(PressPhoto)
class PressPhotoAdmin(admin.ModelAdmin):
    list_display = ["picture", "credit", "licence", "is_public", "position"]
    list_editable = ["position"]
    list_filter = ["is_public"]
    list_select_related = ["picture"]
    autocomplete_fields = ["picture"]
    search_fields = ["picture__title", "picture__credit"]

    @admin.display(description=_("credit"))
    def credit(self, photo):
        return photo.picture.credit

    @admin.display(description=_("licence"))
    def licence(self, photo):
        return photo.picture.get_licence_display()


@admin.register(PressKitFile)
class PressKitFileAdmin(TranslationAdmin):
    list_display = ["title", "kind", "file", "is_public", "position"]
    list_editable = ["position"]
    list_filter = ["kind", "is_public"]
    search_fields = ["title_de", "title_en"]


@admin.register(SpecialistArticle)
class SpecialistArticleAdmin(TranslationAdmin):
    list_display = ["title", "journal", "issue", "published_on", "is_public"]
    list_filter = ["is_public", "journal", "regions"]
    search_fields = ["title", "journal", "authors"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["regions"]
