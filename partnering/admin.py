from django.contrib import admin
from django.db.models import Count
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from backoffice.decisions import Decision, DecisionAdminMixin
from backoffice.mixins import BackOfficeAdminMixin, ExportAdminMixin
from backoffice.resources import PostResource
from core.exports import csv_response

from . import services
from .models import DigestEntry, ExpressionOfInterest, Post


class ReadOnlyAdminMixin:
    """Records of what visitors sent or the portal mailed: kept as they were, never edited."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ExpressionOfInterestInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ExpressionOfInterest
    extra = 0
    fields = ["created_at", "sender_name", "sender_organisation", "email", "phone", "message"]
    readonly_fields = fields
    show_change_link = True


POST_DECISIONS = [
    Decision(
        name="approve",
        service=services.post_publish,
        argument="post",
        label=_("Approve and publish"),
        description=_("Approve and publish the selected posts"),
        done=ngettext_lazy("%(count)d post published.", "%(count)d posts published.", "count"),
        allowed=lambda post: post.status in services.PUBLISHABLE,
    ),
    Decision(
        name="withdraw",
        service=services.post_withdraw,
        argument="post",
        description=_("Withdraw the selected posts from the board"),
        done=ngettext_lazy("%(count)d post withdrawn.", "%(count)d posts withdrawn.", "count"),
    ),
    Decision(
        name="reject",
        service=services.post_reject,
        argument="post",
        takes_reason=True,
        label=_("Reject"),
        description=_("Reject the selected posts"),
        done=ngettext_lazy("%(count)d post rejected.", "%(count)d posts rejected.", "count"),
        allowed=lambda post: post.status in services.REJECTABLE,
    ),
]


@admin.register(Post)
class PostAdmin(DecisionAdminMixin, ExportAdminMixin, BackOfficeAdminMixin, admin.ModelAdmin):
    region_field = "organisation__region"
    list_display = [
        "title",
        "organisation",
        "kind",
        "status",
        "visibility",
        "valid_until",
        "published_at",
        "interest_count",
    ]
    list_filter = ["status", "kind", "visibility", "innovation_fields"]
    list_select_related = ["organisation"]
    search_fields = ["title", "description", "organisation__name"]
    autocomplete_fields = ["organisation", "innovation_fields", "target_regions"]
    filter_horizontal = ["sectors"]
    readonly_fields = ["published_at", "reviewed_by", "created_at", "updated_at"]
    date_hierarchy = "created_at"
    inlines = [ExpressionOfInterestInline]
    decisions = POST_DECISIONS
    resource_classes = [PostResource]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(interest_total=Count("interests"))

    def get_readonly_fields(self, request, obj=None):
        # Once submitted, the status changes through the decisions, which tell the poster.
        if obj is not None:
            return [*self.readonly_fields, "status"]
        return self.readonly_fields

    @admin.display(description=_("expressions of interest"), ordering="interest_total")
    def interest_count(self, post):
        return post.interest_total


@admin.register(ExpressionOfInterest)
class ExpressionOfInterestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "post", "sender_organisation", "sender_name", "email"]
    list_select_related = ["post__organisation"]
    list_filter = ["post__kind", "language"]
    search_fields = ["sender_name", "sender_organisation", "email", "post__title", "message"]
    date_hierarchy = "created_at"
    actions = ["export_csv"]

    @admin.action(description=_("Export the selected expressions of interest (CSV)"))
    def export_csv(self, request, queryset):
        header = [
            _("sent at"),
            _("post"),
            _("organisation"),
            _("name"),
            _("organisation"),
            _("e-mail"),
            _("phone"),
            _("message"),
        ]
        rows = (
            [
                localtime(interest.created_at).strftime("%Y-%m-%d %H:%M"),
                interest.post.title,
                interest.post.organisation.name,
                interest.sender_name,
                interest.sender_organisation,
                interest.email,
                interest.phone,
                interest.message,
            ]
            for interest in queryset.select_related("post__organisation")
        )
        return csv_response("expressions-of-interest.csv", header, rows)


@admin.register(DigestEntry)
class DigestEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["sent_at", "post", "matched_post", "matched_organisation", "score"]
    list_select_related = ["post", "matched_post", "matched_organisation"]
    search_fields = ["post__title"]
