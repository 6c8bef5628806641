from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modeltranslation.admin import TranslationAdmin

from backoffice.decisions import Decision, decision_action

from . import services, views
from .models import NewsItem


class PublicationStateFilter(admin.SimpleListFilter):
    title = _("publication state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("public", _("Public")),
            ("scheduled", _("Scheduled")),
            ("draft", _("Draft")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "public":
            return queryset.filter(is_draft=False, published_at__lte=now)
        if self.value() == "scheduled":
            return queryset.filter(is_draft=False, published_at__gt=now)
        if self.value() == "draft":
            return queryset.filter(is_draft=True)
        return queryset


@admin.register(NewsItem)
class NewsItemAdmin(TranslationAdmin):
    change_form_template = "admin/news/newsitem/change_form.html"
    list_display = ["title", "kind", "published_at", "publication_state", "preview_link"]
    list_filter = [PublicationStateFilter, "kind", "is_draft", "regions", "innovation_fields"]
    search_fields = [
        "title_de",
        "title_en",
        "teaser_de",
        "teaser_en",
        "body_de",
        "body_en",
        "press_contact_name",
    ]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["picture", "regions", "organisations", "events", "innovation_fields"]
    readonly_fields = ["created_at", "updated_at"]
    actions = [
        decision_action(
            Decision(
                name="publish",
                service=services.news_publish,
                argument="item",
                passes_user=False,
                description=_("Publish the selected items"),
                done=ngettext_lazy(
                    "%(count)d item published (scheduled ones appear at their date).",
                    "%(count)d items published (scheduled ones appear at their date).",
                    "count",
                ),
                # The item's own validation says what is missing (a press contact).
                invalid=_("%(object)s: not published, please complete it first: %(error)s"),
            )
        ),
        decision_action(
            Decision(
                name="withdraw",
                service=services.news_withdraw,
                argument="item",
                passes_user=False,
                description=_("Withdraw the selected items (back to draft)"),
                done=ngettext_lazy(
                    "%(count)d item withdrawn.", "%(count)d items withdrawn.", "count"
                ),
            )
        ),
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "teaser", "body"]}),
        (_("Picture"), {"fields": ["picture"]}),
        (_("Publication"), {"fields": ["is_draft", "published_at", "created_at", "updated_at"]}),
        (
            _("Concerns"),
            {"fields": ["regions", "organisations", "events", "innovation_fields"]},
        ),
        (
            _("Press contact"),
            {
                "fields": [
                    "press_contact_name",
                    "press_contact_organisation",
                    "press_contact_phone",
                    "press_contact_email",
                ],
                "description": _("Required before a press release is published."),
            },
        ),
    ]

    @admin.display(description=_("state"))
    def publication_state(self, item):
        if item.is_draft:
            return _("Draft")
        return _("Public") if item.is_public else _("Scheduled")

    @admin.display(description=_("preview"))
    def preview_link(self, item):
        url = reverse("admin:news_newsitem_preview", kwargs={"pk": item.pk})
        return format_html('<a href="{}">{}</a>', url, _("Preview"))

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("<int:pk>/preview/", preview, name="news_newsitem_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return views.news_preview(request, pk)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if object_id and object_id.isdigit():
            extra_context["preview_url"] = reverse(
                "admin:news_newsitem_preview", kwargs={"pk": int(object_id)}
            )
        return super().change_view(request, object_id, form_url, extra_context)
