from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import privacy
from .exports import csv_response
from .models import ContentVersion, ErasureRecord, RateLimitCounter, SearchWord


class PersonalDataForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)


@admin.register(ErasureRecord)
class ErasureRecordAdmin(admin.ModelAdmin):
    """Erasures done, and the tool to look up, export and erase data by e-mail address."""

    list_display = ["erased_at", "erased_by", "total"]
    readonly_fields = ["email_hash", "erased_by", "erased_at", "counts"]
    # Only who erased; the address itself is never stored, only its keyed hash.
    search_fields = ["erased_by__username"]
    date_hierarchy = "erased_at"
    change_list_template = "admin/core/erasurerecord/change_list.html"

    @admin.display(description=_("records anonymised"))
    def total(self, obj):
        return sum(obj.counts.values())

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("core.manage_personal_data")

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def get_urls(self):
        view = self.admin_site.admin_view(self.personal_data_view)
        return [path("personal-data/", view, name="personal_data"), *super().get_urls()]

    def personal_data_view(self, request):
        """Look up an address (POST, so it stays out of URLs and logs); export or erase it."""
        if not request.user.has_perm("core.manage_personal_data"):
            raise PermissionDenied
        form = PersonalDataForm(request.POST or None)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Personal data by e-mail"),
            "opts": self.model._meta,
            "form": form,
        }
        if request.method == "POST" and form.is_valid():
            email = form.cleaned_data["email"]
            action = request.POST.get("action", "show")
            if action == "json":
                response = HttpResponse(
                    privacy.export_json(email), content_type="application/json; charset=utf-8"
                )
                response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
                return response
            if action == "csv":
                return csv_response(
                    "personal-data.csv",
                    ["kind", "record", "field", "value"],
                    privacy.export_rows(email),
                )
            if action == "erase_confirmed":
                record = privacy.erase(email=email, by=request.user)
                messages.success(
                    request,
                    ngettext(
                        "%(count)d record about this address has been anonymised.",
                        "%(count)d records about this address have been anonymised.",
                        sum(record.counts.values()),
                    )
                    % {"count": sum(record.counts.values())},
                )
                for source in privacy.sources.values():
                    # Rows the law makes us keep (invoices): the erasure says why they stay.
                    if source.kept and source.matching(privacy.normalise(email)).exists():
                        messages.warning(request, f"{source.label}: {source.kept}")
                return redirect("admin:core_erasurerecord_changelist")
            data = privacy.collect(email)
            context.update(
                email=email,
                confirm_erase=action == "erase",
                sources=[
                    {"label": source.label, "rows": data[source.key], "kept": source.kept}
                    for source in privacy.sources.values()
                ],
                total=sum(len(rows) for rows in data.values()),
            )
        return TemplateResponse(request, "admin/core/personal_data.html", context)


class TechnicalTableAdmin(admin.ModelAdmin):
    """A table the kernel writes by itself: readable by superusers (under "System"), never
    changed by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_module_permission(self, request):
        return self.has_view_permission(request)


@admin.register(ContentVersion)
class ContentVersionAdmin(TechnicalTableAdmin):
    list_display = ["topic", "changed_at", "token"]
    search_fields = ["topic"]


@admin.register(RateLimitCounter)
class RateLimitCounterAdmin(TechnicalTableAdmin):
    list_display = ["scope", "hits", "window_ends"]
    list_filter = ["scope"]
    search_fields = ["scope"]


@admin.register(SearchWord)
class SearchWordAdmin(TechnicalTableAdmin):
    list_display = ["word", "kind", "stem", "documents"]
    list_filter = ["kind"]
    search_fields = ["word"]
