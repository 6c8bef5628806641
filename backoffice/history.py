"""Which models keep an audit trail (django-simple-history); their tables live in this app.

Registered from `BackofficeConfig.ready()`: the historical tables copy a model's fields as they
are at registration, and django-modeltranslation adds the translated fields (`title_de`,
`title_en`, ...) only once all apps are loaded, in its own `ready()`, which runs first.
"""

import simple_history

from billing.models import Invoice, Payment
from cooperations.models import Cooperation, CooperationPartner
from delegations.models import DelegationVisit
from events.models import Event, Registration
from groups.models import GroupMembership, WorkingGroup
from members.models import MembershipApplication, Organisation
from partnering.models import Post
from regions.models import Region
from stands.models import CoExhibitorApplication, JointStand


def register_history():
    # Audit trail: the historical tables live in this app, so the apps' models stay untouched.
    # One line per model; see the README ("Back office") for adding more.
    simple_history.register(
        Organisation,
        app="backoffice",
        m2m_fields=["sectors", "innovation_fields"],
        excluded_fields=["search_vector"],
    )
    # The site search's vectors are computed by PostgreSQL from the columns that are kept.
    simple_history.register(
        Event,
        app="backoffice",
        m2m_fields=["innovation_fields"],
        excluded_fields=["site_search_vector"],
    )
    simple_history.register(
        Cooperation,
        app="backoffice",
        m2m_fields=["innovation_fields", "events"],
        excluded_fields=["site_search_vector"],
    )
    simple_history.register(CooperationPartner, app="backoffice")
    simple_history.register(Region, app="backoffice")
    simple_history.register(
        DelegationVisit,
        app="backoffice",
        m2m_fields=["hosts", "visited_organisations", "cooperations", "innovation_fields"],
    )
    # Who changed a registration or application and how, but not the person's own details: the
    # history must not keep what the retention purge and erasure remove from the rows.
    simple_history.register(
        Registration,
        app="backoffice",
        excluded_fields=["name", "email", "organisation_name", "role"],
    )
    simple_history.register(MembershipApplication, app="backoffice", excluded_fields=["message"])
    simple_history.register(JointStand, app="backoffice")
    simple_history.register(
        CoExhibitorApplication,
        app="backoffice",
        excluded_fields=["contact_name", "contact_email", "contact_phone", "remarks"],
    )
    # Who accepted, declined or ended a working-group membership, without the contact's details.
    # These two keep their historical tables in their own app (groups/migrations), so that the
    # back office's chain of migrations, which the tests of the stands' and B2B meetings' moves
    # take back and forth, does not drop and refill them.
    simple_history.register(WorkingGroup, app="groups", m2m_fields=["innovation_fields"])
    simple_history.register(
        GroupMembership,
        app="groups",
        excluded_fields=["contact_name", "contact_email", "message"],
    )
    # Who approved or rejected a post; the poster's address is erased on request, so it is not
    # kept here.
    simple_history.register(
        Post, app="backoffice", excluded_fields=["submitted_by_email", "search_vector"]
    )
    # Who cancelled an invoice or recorded a payment, and how its state moved. An issued
    # invoice's own columns never change (billing's trigger), so the documents and the buyer's
    # contact are not copied: the retention purge removes them with the invoice.
    simple_history.register(
        Invoice,
        app="backoffice",
        excluded_fields=[
            "pdf_document",
            "xml_document",
            "seller_details",
            "billing_department",
            "billing_email",
        ],
    )
    simple_history.register(Payment, app="backoffice", excluded_fields=["payer"])
