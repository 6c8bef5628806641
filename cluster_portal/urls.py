from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language

from core import sitemaps

from . import views

urlpatterns = [
    # The back office's bank statement import, before the admin's own addresses, which would
    # take admin/billing/… for a model.
    path("admin/billing/kontoauszug/", include("billing.admin_urls")),
    path("admin/", admin.site.urls),
    path("health/", views.health, name="health"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path(_("members/"), include("members.urls")),
    path(_("regions/"), include("regions.urls")),
    # The joint stands hang below the events, before the events' `<slug>/`.
    path(_("events/"), include("stands.urls")),
    path(_("events/"), include("events.urls")),
    path(_("cooperations/"), include("cooperations.urls")),
    path(_("working-groups/"), include("groups.urls")),
    path(_("delegations/"), include("delegations.urls")),
    path(_("news/"), include("news.urls")),
    path(_("search/"), views.search, name="search"),
    path(_("partnering/"), include("partnering.urls")),
    # The B2B meetings' pages hang below the partnering board's address: /kooperationsboerse/b2b/…
    path(_("partnering/"), include("b2b.urls")),
    path(_("press/"), include("press.urls")),
    path(_("about/"), include("regions.about_urls")),
    # The buyers' signed links to their invoices: /rechnungen/<token>/
    path(_("invoices/"), include("billing.urls")),
    # The legal pages hang below the root: /impressum/, /datenschutz/, /barrierefreiheit/ …
    path("", include("legal.urls")),
    prefix_default_language=False,
)

handler400 = "cluster_portal.views.bad_request"
handler500 = "cluster_portal.views.server_error"

if settings.BENCHMARK_FLOOR:
    # Only where the benchmark switches it on (bench/run.py sets BENCHMARK_FLOOR=1): otherwise
    # the production URLconf neither has the route nor imports bench/.
    from bench import views as bench_views

    urlpatterns.append(path("bench/floor/", bench_views.floor, name="bench_floor"))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
