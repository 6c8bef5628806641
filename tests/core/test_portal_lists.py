"""The site-wide lists are declared by the apps and found by autodiscovery (core.portal), in
the order the portal had when they were written out in the kernel."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from backoffice import dashboard as backoffice_dashboard
from core import dashboard, demo, privacy, search, sitemaps
from core.portal import Registry


def test_personal_data_sources_come_from_the_apps_in_their_order():
    assert list(privacy.sources) == [
        "registrations",
        "membership_applications",
        "contact_persons",
        "change_requests",
        "access_links",
        "contact_messages",
        "barrier_reports",
        "co_exhibitor_applications",
        "group_memberships",
        "expressions_of_interest",
        "invoices",
        "partnering_posts",
        "rate_limit_counters",
    ]
    modules = {key: source.matching.__module__ for key, source in privacy.sources.items()}
    assert modules["registrations"] == "events.privacy"
    assert modules["barrier_reports"] == "legal.privacy"
    assert modules["co_exhibitor_applications"] == "stands.privacy"
    assert modules["group_memberships"] == "groups.privacy"
    assert modules["rate_limit_counters"] == "core.ratelimit"


def test_search_kinds_come_from_the_apps_in_their_order_and_name_their_model():
    assert list(search.kinds) == [
        "organisations",
        "events",
        "cooperations",
        "delegations",
        "regions",
        "groups",
        "news",
    ]
    labels = {key: kind.app_label for key, kind in search.kinds.items()}
    assert labels == {
        "organisations": "members",
        "events": "events",
        "cooperations": "cooperations",
        "delegations": "delegations",
        "regions": "regions",
        "groups": "groups",
        "news": "news",
    }
    # A callable, so that no queryset is built while the apps load.
    assert all(callable(kind.queryset) for kind in search.kinds.values())


def test_sitemap_sections_and_pages_come_from_the_apps_in_their_order():
    assert list(sitemaps.sections) == [
        "pages",
        "regions",
        "organisations",
        "partners",
        "events",
        "cooperations",
        "delegations",
        "groups",
        "news",
        "partnering",
    ]
    assert sitemaps.StaticPagesSitemap().items() == [
        "home",
        "members:list",
        "regions:list",
        "events:list",
        "events:archive",
        "stands:list",
        "cooperations:list",
        "cooperations:partners",
        "delegations:list",
        "groups:list",
        "news:list",
        "press:index",
        "partnering:board",
        "about:page",
        "legal:imprint",
        "legal:privacy",
        "legal:accessibility",
        "legal:easy_language",
    ]
    assert sitemaps.index_apps() == (
        "cooperations",
        "delegations",
        "events",
        "groups",
        "members",
        "news",
        "partnering",
        "regions",
    )


def test_demo_loaders_run_in_their_order_after_what_they_read():
    assert [loader.app for loader in demo.ordered()] == [
        "regions",
        "pictures",
        "members",
        "billing",
        "events",
        "stands",
        "cooperations",
        "legal",
        "delegations",
        "news",
        "partnering",
        "b2b",
        "press",
        "groups",
    ]


def test_dashboard_panels_come_from_the_apps_in_their_order():
    assert [build.__name__ for build in dashboard.panels.values()] == [
        "membership_applications",
        "profile_change_requests",
        "co_exhibitor_applications",
        "posts_to_review",
        "group_membership_requests",
        "b2b_requests",
        "barrier_reports",
        "upcoming_events",
        "recent_registrations",
        "overdue_invoices",
        "sellers_without_phone",
    ]
    assert backoffice_dashboard.panels.__module__ == "backoffice.dashboard"


def test_a_registry_orders_by_position_then_by_registration():
    registry = Registry("thing")
    registry.register("c", 3, position=20)
    registry.register("a", 1, position=10)
    registry.register("b", 2, position=20)
    assert list(registry.items()) == [("a", 1), ("c", 3), ("b", 2)]
    with pytest.raises(ImproperlyConfigured, match="declared twice"):
        registry.register("a", 4, position=30)


def test_a_demo_loader_placed_before_what_it_reads_is_refused(monkeypatch):
    loaders = Registry("demo loader")
    monkeypatch.setattr(demo, "loaders", loaders)
    demo.register("events", lambda: None, after=("members",), position=10)
    demo.register("members", lambda: None, position=20)
    with pytest.raises(ImproperlyConfigured, match="'events' must come after"):
        demo.ordered()
