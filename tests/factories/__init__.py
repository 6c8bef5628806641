"""The tests' factories, one module per app: each makes one valid object (or a few that belong
together), overridable by keyword. Use them as `factories.make_event(...)` after
`from tests import factories`, or import them by name from here; fixtures in the conftest files
call them. A new factory goes into its app's module and is listed here, under a name no other
factory has.
"""

from .autofill import make_row
from .b2b import make_accepted_meeting, make_participant, make_slots, make_tables
from .backoffice import make_staff
from .base import unique
from .billing import make_buyer, make_invoice, make_seller
from .cooperations import add_partner, make_cooperation, make_partner
from .delegations import make_delegation_visit, make_programme_item
from .events import (
    PLACEHOLDER_START,
    make_event,
    make_open_event,
    make_past_event,
    make_registration,
    make_trade_fair,
)
from .files import image_bytes
from .groups import (
    make_group,
    make_group_document,
    make_group_meeting,
    make_group_membership,
)
from .legal import make_all_legal_pages, make_barrier_report, make_legal_page, make_privacy_notice
from .members import (
    make_contact_message,
    make_innovation_field,
    make_member_with_contact,
    make_membership_application,
    make_organisation,
    make_sector,
)
from .news import make_news
from .partnering import make_post
from .pictures import make_picture
from .press import make_article, make_press_contact, make_press_photo
from .regions import make_region
from .stands import make_stand, make_stand_abroad, make_stand_application

__all__ = [
    "PLACEHOLDER_START",
    "add_partner",
    "make_article",
    "image_bytes",
    "make_accepted_meeting",
    "make_all_legal_pages",
    "make_buyer",
    "make_barrier_report",
    "make_contact_message",
    "make_cooperation",
    "make_delegation_visit",
    "make_event",
    "make_group",
    "make_group_document",
    "make_group_meeting",
    "make_group_membership",
    "make_innovation_field",
    "make_invoice",
    "make_legal_page",
    "make_member_with_contact",
    "make_membership_application",
    "make_news",
    "make_open_event",
    "make_organisation",
    "make_partner",
    "make_participant",
    "make_past_event",
    "make_picture",
    "make_post",
    "make_press_contact",
    "make_press_photo",
    "make_privacy_notice",
    "make_programme_item",
    "make_region",
    "make_registration",
    "make_row",
    "make_sector",
    "make_seller",
    "make_slots",
    "make_stand",
    "make_stand_abroad",
    "make_stand_application",
    "make_staff",
    "make_tables",
    "make_trade_fair",
    "unique",
]
