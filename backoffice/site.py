"""The admin site of the back office: the portal's name, the attention panel on the start page,
the technical tables grouped under "System" (for superusers only) and the report page
(`backoffice/reports/`).

Installed as Django's default admin site (`PortalAdminConfig` in INSTALLED_APPS instead of
"django.contrib.admin"), so `admin.site` and `@admin.register` everywhere use it.
"""

from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

SYSTEM_LABEL = "system"

# Tables that keep the portal running, not the network's business: a manager never needs them,
# a superuser sometimes does. Whole apps by label, single models by "app_label.model_name".
SYSTEM_APPS = {"axes", "otp_totp", "django_tasks_database", "sites", "contenttypes", "admin"}
SYSTEM_MODELS = {
    "core.erasurerecord",
    "core.contentversion",
    "core.ratelimitcounter",
    "core.searchword",
}


@dataclass(frozen=True)
class AppPage:
    """A back-office page of an app that is no model's list (billing's bank statement import),
    listed in the app's section of the index for the users with `permission`."""

    app_label: str
    name: str
    url_name: str
    permission: str
    # The model the page works on ("app_label.ModelName"), as a listed model names its own.
    model: str


APP_PAGES: list[AppPage] = []


def register_app_page(page: AppPage) -> AppPage:
    if page not in APP_PAGES:
        APP_PAGES.append(page)
    return page


def _page_entries(request, app_label: str) -> list[dict]:
    return [
        {
            "name": page.name,
            "object_name": page.url_name.rpartition(":")[2],
            "model": apps.get_model(page.model),
            "perms": {"view": True},
            "admin_url": reverse(page.url_name),
            "add_url": None,
            "view_only": True,
        }
        for page in APP_PAGES
        if page.app_label == app_label and request.user.has_perm(page.permission)
    ]


def is_system_model(model) -> bool:
    options = model._meta
    return (
        options.app_label in SYSTEM_APPS
        or f"{options.app_label}.{options.model_name}" in SYSTEM_MODELS
    )


class PortalAdminSite(admin.AdminSite):
    site_header = _("Health economy network – Administration")
    site_title = _("Health economy network – Administration")
    index_title = _("Overview")
    index_template = "admin/backoffice/index.html"

    def get_app_list(self, request, app_label=None):
        """The apps as Django lists them, with the technical tables moved into one "System"
        section at the end, which only superusers see.

        A single app's page (`app_label`) keeps its own models, so that the breadcrumbs of a
        technical table still lead somewhere for a superuser.
        """
        superuser = request.user.is_active and request.user.is_superuser
        if app_label == SYSTEM_LABEL:
            system = self._system_app(request) if superuser else None
            return [system] if system else []
        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            app["models"] += _page_entries(request, app["app_label"])
        if app_label is not None:
            if not superuser:
                for app in app_list:
                    app["models"] = [m for m in app["models"] if not is_system_model(m["model"])]
                app_list = [app for app in app_list if app["models"]]
            return app_list
        business = []
        for app in app_list:
            app["models"] = [m for m in app["models"] if not is_system_model(m["model"])]
            if app["models"]:
                business.append(app)
        system = self._system_app(request) if superuser else None
        return business + ([system] if system else [])

    def _system_app(self, request):
        models = []
        for app in super().get_app_list(request):
            for model in app["models"]:
                if not is_system_model(model["model"]):
                    continue
                if model["model"]._meta.app_label not in settings.PORTAL_APPS:
                    # Out of its app's section, a third-party table says where it belongs:
                    # "Anmeldesperren: Zugriffsversuche".
                    model = {**model, "name": f"{app['name']}: {model['name']}"}
                models.append(model)
        if not models:
            return None
        return {
            "name": _("System"),
            "app_label": SYSTEM_LABEL,
            "app_url": reverse("admin:system", current_app=self.name),
            "has_module_perms": True,
            "models": sorted(models, key=lambda model: str(model["name"])),
        }

    def get_urls(self):
        from .reports.views import report_view

        return [
            path("system/", self.admin_view(self.system_index), name="system"),
            path("reports/", self.admin_view(report_view(self)), name="reports"),
            *super().get_urls(),
        ]

    def system_index(self, request):
        app_list = self.get_app_list(request, SYSTEM_LABEL)
        if not app_list:
            raise Http404
        context = {
            **self.each_context(request),
            "title": _("System"),
            "subtitle": None,
            "app_list": app_list,
            "app_label": SYSTEM_LABEL,
        }
        request.current_app = self.name
        return TemplateResponse(request, "admin/app_index.html", context)


class PortalAdminConfig(AdminConfig):
    """django.contrib.admin with the back office's site as the default `admin.site`."""

    default_site = "backoffice.site.PortalAdminSite"
