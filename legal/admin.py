from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from . import services
from .models import BarrierReport, LegalPage


class LegalPageAdminForm(forms.ModelForm):
    publish_changes = forms.BooleanField(
        label=_("Publish the changes at once"),
        required=False,
        initial=True,
        help_text=_(
            "This version is published. It stays as it is, because consents point at it: your "
            "changes are saved as a new version, published at once or, without the tick, as a "
            "draft to publish later."
        ),
    )

    class Meta:
        model = LegalPage
        fields = ["kind", "published_at", "title", "body"]


# Plain TranslationAdmin on purpose: the tabbed variant loads jQuery UI from a CDN, and the
# portal loads nothing from elsewhere. The two languages stand side by side instead.
@admin.register(LegalPage)
class LegalPageAdmin(TranslationAdmin):
    form = LegalPageAdminForm
    list_display = ["__str__", "title", "state", "published_at", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["title_de", "title_en", "body_de", "body_en"]
    actions = ["publish_now"]

    class Media:
        css = {"all": ["legal/admin/legal_page.css"]}

    def get_queryset(self, request):
        in_force = (
            LegalPage.objects.published()
            .filter(kind=OuterRef("kind"))
            .order_by("-version")
            .values("version")[:1]
        )
        return super().get_queryset(request).annotate(version_in_force=Subquery(in_force))

    @admin.display(description=_("state"))
    def state(self, obj):
        if obj.is_scheduled:
            return _("scheduled")
        if not obj.is_published:
            return _("draft")
        if obj.version == getattr(obj, "version_in_force", None):
            return _("in force")
        return _("replaced")

    def view_on_site(self, obj):
        """Where exactly this text can be read: drafts nowhere, old privacy notices at theirs."""
        if not obj.is_published:
            return None
        if obj.kind == LegalPage.Kind.PRIVACY:
            return obj.get_version_url()
        if obj.version == LegalPage.objects.current(obj.kind).version:
            return obj.get_absolute_url()
        return None

    def get_fieldsets(self, request, obj=None):
        fieldsets = [(None, {"fields": ["kind", "version", "published_at", "updated_at"]})]
        if obj is not None and obj.is_published:
            fieldsets.append((_("Changes"), {"fields": ["publish_changes"]}))
        fieldsets.append(
            (
                _("Text in German and English"),
                {
                    "fields": [("title_de", "title_en"), ("body_de", "body_en")],
                    "description": _(
                        "German is required. Where the English text is empty, the English page "
                        "shows the German text with a note that it is available in German only."
                    ),
                },
            )
        )
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = ["version", "updated_at"]
        if obj is not None:
            readonly.append("kind")  # version numbers count per kind
            if obj.is_published:
                readonly.append("published_at")
        return readonly

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name.startswith("body_") and field is not None:
            field.widget.attrs.update({"rows": 24, "cols": 60})
        return field

    def has_delete_permission(self, request, obj=None):
        # A published version may be what someone agreed to; drafts can go.
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        if not change:
            services.legal_page_create(page=obj)
            return
        stored = LegalPage.objects.get(pk=obj.pk)
        if not stored.is_published:
            services.legal_page_update_draft(page=obj)
            return
        if set(form.changed_data) & set(services.content_fields()):
            services.legal_page_revise(
                page=obj, publish=form.cleaned_data.get("publish_changes", False)
            )
            obj.replaced_version = stored.version

    def response_change(self, request, obj):
        replaced = getattr(obj, "replaced_version", None)
        if replaced is not None:
            if obj.is_published:
                text = _(
                    "Version %(old)s stays unchanged, because consents may point at it. Your "
                    "changes are published as version %(new)s."
                )
            else:
                text = _(
                    "Version %(old)s stays unchanged, because consents may point at it. Your "
                    "changes are saved as draft version %(new)s; publish it when it is ready."
                )
            self.message_user(request, text % {"old": replaced, "new": obj.version})
        return super().response_change(request, obj)

    @admin.action(description=_("Publish the selected drafts now"))
    def publish_now(self, request, queryset):
        published = sum(services.legal_page_publish(page=page) for page in queryset)
        self.message_user(
            request,
            ngettext("%(count)d version published.", "%(count)d versions published.", published)
            % {"count": published},
            messages.SUCCESS,
        )


@admin.register(BarrierReport)
class BarrierReportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "page_url", "short_description", "status", "answer_wanted"]
    list_filter = ["status", "language"]
    search_fields = ["page_url", "description", "name", "email"]
    date_hierarchy = "created_at"
    actions = ["mark_in_progress", "mark_resolved"]
    fieldsets = [
        (None, {"fields": ["page_url", "description", "created_at", "language"]}),
        (_("Contact"), {"fields": ["name", "email", "privacy_notice", "consented_at"]}),
        (_("Handling"), {"fields": ["status", "note", "updated_at"]}),
    ]
    readonly_fields = [
        "page_url",
        "description",
        "created_at",
        "language",
        "name",
        "email",
        "privacy_notice",
        "consented_at",
        "updated_at",
    ]

    @admin.display(description=_("description"))
    def short_description(self, obj):
        return obj.description if len(obj.description) <= 80 else obj.description[:79] + "…"

    @admin.display(description=_("answer wanted"), boolean=True)
    def answer_wanted(self, obj):
        return bool(obj.email)

    def has_add_permission(self, request):
        return False  # reports come from the public form

    def _set_status(self, request, queryset, status):
        updated = queryset.update(status=status, updated_at=timezone.now())
        self.message_user(
            request,
            ngettext("%(count)d report updated.", "%(count)d reports updated.", updated)
            % {"count": updated},
            messages.SUCCESS,
        )

    @admin.action(description=_("Mark the selected reports as in progress"))
    def mark_in_progress(self, request, queryset):
        self._set_status(request, queryset, BarrierReport.Status.IN_PROGRESS)

    @admin.action(description=_("Mark the selected reports as resolved"))
    def mark_resolved(self, request, queryset):
        self._set_status(request, queryset, BarrierReport.Status.RESOLVED)
