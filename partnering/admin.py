from django.contrib import admin, messages
from django.db.models import Count
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cluster_portal.exports import csv_response

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


def _transition(modeladmin, request, queryset, service, done_message):
    changed, refused = 0, []
    for post in queryset:
        try:
            service(post=post, by=request.user)
            changed += 1
        except services.TransitionError:
            refused.append(post.title)
    if changed:
        modeladmin.message_user(request, done_message(changed), messages.SUCCESS)
    if refused:
        modeladmin.message_user(
            request,
            _("Not changed, because their status does not allow it: %(titles)s")
            % {"titles": ", ".join(refused)},
            messages.WARNING,
        )


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
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
    actions = ["approve", "withdraw", "reject"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(interest_total=Count("interests"))

    @admin.display(description=_("expressions of interest"), ordering="interest_total")
    def interest_count(self, post):
        return post.interest_total

    @admin.action(description=_("Approve and publish the selected posts"))
    def approve(self, request, queryset):
        base_url = request.build_absolute_uri("/").rstrip("/")
        _transition(
            self,
            request,
            queryset,
            lambda *, post, by: services.post_publish(post=post, by=by, base_url=base_url),
            lambda n: ngettext("%(n)d post published.", "%(n)d posts published.", n) % {"n": n},
        )

    @admin.action(description=_("Withdraw the selected posts from the board"))
    def withdraw(self, request, queryset):
        _transition(
            self,
            request,
            queryset,
            services.post_withdraw,
            lambda n: ngettext("%(n)d post withdrawn.", "%(n)d posts withdrawn.", n) % {"n": n},
        )

    @admin.action(description=_("Reject the selected posts"))
    def reject(self, request, queryset):
        _transition(
            self,
            request,
            queryset,
            services.post_reject,
            lambda n: ngettext("%(n)d post rejected.", "%(n)d posts rejected.", n) % {"n": n},
        )


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
