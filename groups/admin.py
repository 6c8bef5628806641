"""The working groups in the back office: groups with their meetings and documents, and the
decisions on the organisations' requests to join (backoffice.decisions). Regional managers
see the groups of their regions only (by the group's region)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from backoffice.decisions import Decision, DecisionAdminMixin
from backoffice.mixins import BackOfficeAdminMixin

from . import services
from .models import GroupDocument, GroupMeeting, GroupMembership, WorkingGroup


class GroupMeetingInline(admin.TabularInline):
    model = GroupMeeting
    extra = 0
    autocomplete_fields = ["event"]
    verbose_name = _("meeting (event of the kind “Working group”)")
    verbose_name_plural = _("meetings (events of the kind “Working group”)")


class GroupDocumentInline(TranslationTabularInline):
    model = GroupDocument
    extra = 0
    fields = ["date", "kind", "title", "file"]


class GroupMembershipInline(admin.TabularInline):
    model = GroupMembership
    extra = 0
    fields = ["organisation", "status", "contact_name", "created_at", "decided_at"]
    readonly_fields = fields
    show_change_link = True
    ordering = ["status", "organisation__name"]

    def has_add_permission(self, request, obj=None):
        # Requests come through the organisation's link, so that consent is always recorded.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(WorkingGroup)
class WorkingGroupAdmin(BackOfficeAdminMixin, TranslationAdmin):
    list_display = ["name", "region", "spokesperson_shown", "is_example", "is_published"]
    list_filter = ["region", "is_example", "is_published", "innovation_fields"]
    list_select_related = ["region", "spokesperson", "spokesperson__organisation"]
    search_fields = ["name_de", "name_en", "topic_de", "topic_en", "slug"]
    prepopulated_fields = {"slug": ["name_de"]}
    autocomplete_fields = ["region", "picture"]
    raw_id_fields = ["spokesperson"]
    filter_horizontal = ["innovation_fields"]
    inlines = [GroupMeetingInline, GroupDocumentInline, GroupMembershipInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("name_de", "name_en"),
                    "slug",
                    ("topic_de", "topic_en"),
                    ("description_de", "description_en"),
                    "region",
                    "innovation_fields",
                    "picture",
                    "is_example",
                    "is_published",
                ]
            },
        ),
        (
            _("Spokesperson"),
            {"fields": ["spokesperson", "spokesperson_name", "spokesperson_organisation"]},
        ),
    ]

    @admin.display(description=_("spokesperson"))
    def spokesperson_shown(self, group):
        shown = group.spokesperson_display
        return f"{shown[0]} ({shown[1]})" if shown else "–"


def _organisation(membership) -> str:
    return str(membership.organisation)


def _membership_decision(**declaration) -> Decision:
    return Decision(
        argument="membership",
        describe=_organisation,
        select_related=("organisation", "group"),
        order_by=("created_at", "pk"),
        **declaration,
    )


MEMBERSHIP_DECISIONS = [
    _membership_decision(
        name="accept",
        service=services.accept,
        label=_("Accept"),
        description=_("Accept selected requests to join"),
        done=ngettext_lazy("%(count)d request accepted.", "%(count)d requests accepted.", "count"),
        allowed=lambda membership: membership.status in services.ACCEPTABLE,
    ),
    _membership_decision(
        name="decline",
        service=services.decline,
        takes_reason=True,
        label=_("Decline"),
        description=_("Decline selected requests to join"),
        done=ngettext_lazy("%(count)d request declined.", "%(count)d requests declined.", "count"),
        allowed=lambda membership: membership.status in services.DECLINABLE,
    ),
    _membership_decision(
        name="end",
        service=services.end_membership,
        takes_reason=True,
        label=_("End the membership"),
        description=_("End selected memberships"),
        done=ngettext_lazy("%(count)d membership ended.", "%(count)d memberships ended.", "count"),
        allowed=lambda membership: membership.status in services.ENDABLE,
    ),
    _membership_decision(
        name="send_documents_link",
        service=services.send_documents_link,
        label=_("Send the documents link again"),
        description=_("Send the members their documents link again"),
        done=ngettext_lazy(
            "%(count)d documents link sent.", "%(count)d documents links sent.", "count"
        ),
        allowed=lambda membership: membership.is_member,
    ),
]


@admin.register(GroupMembership)
class GroupMembershipAdmin(DecisionAdminMixin, BackOfficeAdminMixin, admin.ModelAdmin):
    region_field = "group__region"
    list_display = ["organisation", "group", "status", "contact_name", "created_at", "decided_at"]
    list_filter = ["status", "group", "language"]
    list_select_related = ["organisation", "group"]
    search_fields = ["organisation__name", "group__name_de", "contact_name", "contact_email"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "group",
        "organisation",
        "status",
        "created_at",
        "decided_at",
        "decided_by",
        "ended_at",
        "privacy_notice",
        "consented_at",
    ]
    fields = [
        "group",
        "organisation",
        "status",
        "contact_name",
        "contact_email",
        "message",
        "language",
        *readonly_fields[3:],
    ]
    decisions = MEMBERSHIP_DECISIONS

    def has_add_permission(self, request):
        return False
