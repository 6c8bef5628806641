"""What the events app's changes show on cached pages, and the places left as a live part
(see `core.fragments`).

An event's content (text, programme, speakers, stand) is the app's topic `events`, which
the lists, the home page and every page naming events show; an event's own page names
`events:event:<pk>` instead, with `events:series` and `events:speakers` for what it shares with
other events, so that editing one event renders the others' pages no more. A registration
changes only the places left, which are never cached (`{% live "events:places" event.pk %}`),
and, once confirmed with its organisation shown, the event's list of participating
organisations (`events:participants:<event pk>`): registering, the rush of a popular event,
renders no fragment again.
"""

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.translation import gettext, ngettext

from core import structured_data as schema
from core.allocation import places_left
from core.fragments import affects, loaded_values, register_live_part

from .models import (
    Booking,
    Event,
    EventSeries,
    Registration,
    RegistrationAnswer,
    RegistrationQuestion,
    Session,
    Speaker,
)

LISTED_BY = ("status", "show_organisation_publicly", "organisation_name")


def _listed(values) -> bool:
    """Whether a registration with these values names its organisation on the event page."""
    return (
        values["status"] == Registration.Status.CONFIRMED
        and bool(values["show_organisation_publicly"])
        and bool(values["organisation_name"])
    )


def _registration_shown(registration, created, _update_fields):
    # Registering, confirming without a public organisation, the waiting list, a lapse: none
    # of it shows. A change shows when the registration is listed now or was when it was read
    # (unknown, e.g. read without these fields: assume it was).
    before = loaded_values(registration)
    was_listed = _listed(before) if before is not None else not created
    # Read by attribute: a deferred field is loaded rather than taken for missing.
    return was_listed or _listed({name: getattr(registration, name) for name in LISTED_BY})


affects(Event, "events", "events:event:{pk}")
affects(Event.co_organisers.through, "events", "events:event:{event_id}")
affects(Event.innovation_fields.through, "events", "events:event:{event_id}")
affects(Session, "events", "events:event:{event_id}")
affects(Session.speakers.through, "events", "events:speakers")
affects(Speaker, "events", "events:speakers")
affects(EventSeries, "events", "events:series")
# Asked in the event's registration form alone.
affects(RegistrationQuestion, "events:event:{event_id}")
affects(
    Registration,
    "events:participants:{event_id}",
    when=_registration_shown,
    tracks=LISTED_BY,
)
affects(RegistrationAnswer)
# The billing details of a paid registration show nowhere public.
affects(Booking)


@dataclass(frozen=True)
class Places:
    """What a live part shows of an event: its capacity and the places taken."""

    capacity: int | None
    taken: int

    @property
    def places_left(self) -> int | None:
        return places_left(self.capacity, self.taken)


def _load_places(keys: list[str]) -> dict[str, Places]:
    # Values, not events: on a warm page this is most of what is left to do, and building an
    # Event (fifty fields, their translations) cost more than the query.
    rows = (
        Event.objects.filter(pk__in=keys)
        .with_places_taken()
        .order_by()
        .values_list("pk", "capacity", "places_taken")
    )
    return {str(pk): Places(capacity, taken) for pk, capacity, taken in rows}


def _render_places(event: Event | Places | None, variant: str) -> str:
    if variant == "availability":  # the schema.org Offer's availability, inside JSON-LD
        left = event.places_left if event is not None else None
        return schema.enumeration("SoldOut" if left == 0 else "InStock")
    if event is None or event.capacity is None:
        return ""
    # Written here rather than by a template: one per card, on every page with cards.
    left = event.places_left
    if left == 0:
        text = format_html("<strong>{}</strong>", gettext("Fully booked: waiting list"))
    else:
        text = ngettext("%(left)s place left", "%(left)s places left", left) % {"left": left}
    return format_html('<p class="card-text mb-0">{}</p>', text)


register_live_part("events:places", load=_load_places, render=_render_places)
