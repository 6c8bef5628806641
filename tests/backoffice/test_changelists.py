"""Every changelist of the portal's own apps stays fast and searchable as its table grows.

The test walks admin.site._registry, so a new admin is checked as soon as it is registered:
with generic rows (tests/factories/autofill.py), or with a hand-written row maker below where
the list shows many-to-many or reverse relations.
"""

import itertools
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.utils import timezone

from billing.services import credit_note_issue, payment_record
from cooperations.models import CooperationPartner, FundingProgramme
from legal.models import BarrierReport, LegalPage
from partnering.models import DigestEntry, Post
from tests import factories
from tests.factories import make_accepted_meeting, make_participant, make_row
from tests.factories.autofill import auto_row_maker
from tests.helpers import assert_constant_queries

_counter = itertools.count(1)


def project_admins():
    """(label, ModelAdmin) of models from the project's own apps, not third-party ones."""
    base = Path(settings.BASE_DIR).resolve()
    found = []
    for model, model_admin in admin.site._registry.items():
        path = Path(model._meta.app_config.path).resolve()
        if base in path.parents and ".venv" not in path.parts:
            found.append((model._meta.label_lower, model_admin))
    return sorted(found, key=lambda pair: pair[0])


def add_regions(n):
    parent = factories.make_region()
    for _i in range(n):
        factories.make_region(parent=parent)


def add_organisations(n):
    for _i in range(n):
        organisation = factories.make_organisation(region=factories.make_region())
        organisation.sectors.add(factories.make_sector())
        organisation.innovation_fields.add(factories.make_innovation_field())


def add_events(n):
    for _i in range(n):
        event = factories.make_event(region=factories.make_region())
        event.innovation_fields.add(factories.make_innovation_field())


def add_cooperations(n):
    for _i in range(n):
        programme = FundingProgramme.objects.create(
            name=factories.unique("Programm"), funder="Land NRW"
        )
        cooperation = factories.make_cooperation(funding_programme=programme)
        for role in (CooperationPartner.Role.HOST, CooperationPartner.Role.FUNDER):
            CooperationPartner.objects.create(
                cooperation=cooperation, organisation=factories.make_organisation(), role=role
            )


def add_funding_programmes(n):
    for _i in range(n):
        FundingProgramme.objects.create(name=factories.unique("Programm"), funder="EU")


def add_legal_pages(n):
    for _i in range(n):
        LegalPage.objects.create(
            kind=LegalPage.Kind.values[0], version=next(_counter), title="Impressum", body="…"
        )


def add_barrier_reports(n):
    for _i in range(n):
        notice = LegalPage.objects.create(
            kind=LegalPage.Kind.PRIVACY, version=next(_counter), title="Datenschutz", body="…"
        )
        BarrierReport.objects.create(
            page_url="/veranstaltungen/",
            description="Kontrast zu gering",
            name="Eva Beispiel",
            email=f"eva{next(_counter)}@example.org",
            privacy_notice=notice,
            consented_at=timezone.now(),
        )


def add_digest_entries(n):
    for _i in range(n):
        post = make_row(Post)
        DigestEntry.objects.create(post=post, matched_organisation=factories.make_organisation())


def add_b2b_profiles(n):
    event = factories.make_event(kind="b2b")
    for _i in range(n):
        make_participant(event, factories.unique("Teilnehmer"))


def add_meetings(n):
    for _i in range(n):
        event = factories.make_event(kind="b2b")
        requester = make_participant(event, factories.unique("Anfragende"))
        make_accepted_meeting(requester, make_participant(event, factories.unique("Angefragte")))


def add_working_groups(n):
    for index in range(n):
        if index % 2:
            _organisation, contact = factories.make_member_with_contact()
            group = factories.make_group(
                spokesperson=contact, spokesperson_name="", spokesperson_organisation=""
            )
        else:
            group = factories.make_group()
        group.innovation_fields.add(factories.make_innovation_field())


def add_invoices(n):
    """Invoices of their own seller and region, each with a payment; every third cancelled."""
    for index in range(n):
        invoice = factories.make_invoice(factories.make_seller(), region=factories.make_region())
        payment_record(invoice=invoice, amount_cents=100, paid_on=timezone.localdate())
        if index % 3 == 0:
            credit_note_issue(invoice=invoice)


ROW_MAKERS = {
    # Check constraints the generic rows cannot know: a VAT ID, a plain prefix, totals.
    "billing.seller": lambda n: [factories.make_seller() for _ in range(n)],
    "billing.invoice": add_invoices,
    "groups.workinggroup": add_working_groups,
    "b2b.b2bprofile": add_b2b_profiles,
    "b2b.meeting": add_meetings,
    "partnering.digestentry": add_digest_entries,
    "legal.legalpage": add_legal_pages,
    "legal.barrierreport": add_barrier_reports,
    "regions.region": add_regions,
    "members.organisation": add_organisations,
    "members.innovationfield": lambda n: [factories.make_innovation_field() for _ in range(n)],
    "members.sector": lambda n: [factories.make_sector() for _ in range(n)],
    "events.event": add_events,
    # Check constraints the generic rows cannot know: consent given, a way to reach the contact.
    "members.contactmessage": lambda n: [factories.make_contact_message() for _ in range(n)],
    "press.presscontact": lambda n: [factories.make_press_contact() for _ in range(n)],
    "cooperations.cooperation": add_cooperations,
    "cooperations.fundingprogramme": add_funding_programmes,
}

ADMINS = project_admins()


@pytest.mark.django_db
@pytest.mark.parametrize("label,model_admin", ADMINS, ids=[label for label, _a in ADMINS])
def test_changelist_query_count_does_not_grow_with_its_rows(admin_client, label, model_admin):
    # Admins without a hand-written maker (new apps) get generic rows; a hand-written one
    # also fills the many-to-many and reverse relations the list shows.
    add_rows = ROW_MAKERS.get(label) or auto_row_maker(model_admin.model)
    opts = model_admin.model._meta
    url = f"/admin/{opts.app_label}/{opts.model_name}/"
    assert_constant_queries(admin_client, url, add_rows, small=10, large=210)


@pytest.mark.parametrize("label,model_admin", ADMINS, ids=[label for label, _a in ADMINS])
def test_changelist_can_be_searched(label, model_admin):
    assert model_admin.search_fields, f"{label}: the changelist has no search box"


def test_lists_with_dates_that_matter_are_browsable_by_date():
    from cooperations.models import Cooperation
    from events.models import Event

    assert admin.site._registry[Event].date_hierarchy == "start"
    assert admin.site._registry[Cooperation].date_hierarchy == "started_on"


@pytest.mark.django_db
def test_regional_managers_organisation_list_query_count_does_not_grow(
    regional_client, muensterland, kreis_steinfurt
):
    def add_rows(n):
        for index in range(n):
            region = muensterland if index % 2 else kreis_steinfurt
            factories.make_organisation(region=region)

    assert_constant_queries(regional_client, "/admin/members/organisation/", add_rows)


@pytest.mark.django_db
@pytest.mark.parametrize("label", ["members.organisation", "events.event", "regions.region"])
def test_generic_rows_fill_the_models_we_know(label):
    from django.apps import apps

    model = apps.get_model(label)
    before = model.objects.count()
    auto_row_maker(model)(3)
    assert model.objects.count() == before + 3


@pytest.mark.django_db
@pytest.mark.urls("tests.backoffice.n_plus_one_site")
def test_generic_rows_reveal_a_list_that_queries_once_per_row(admin_client):
    from events.models import Event

    with pytest.raises(AssertionError, match="queries with"):
        assert_constant_queries(
            admin_client, "/careless-admin/events/event/", auto_row_maker(Event)
        )


@pytest.mark.django_db
def test_back_office_rows_have_djangos_own_action_checkbox(rf):
    from members.admin import OrganisationAdmin
    from members.models import Organisation

    organisation = factories.make_organisation(name='Müller & Söhne "Reha" <GmbH>')
    ours = admin.site._registry[Organisation]
    assert isinstance(ours, OrganisationAdmin)

    expected = admin.ModelAdmin.action_checkbox(ours, organisation)

    assert ours.action_checkbox(organisation) == expected
    assert f'value="{organisation.pk}"' in expected
