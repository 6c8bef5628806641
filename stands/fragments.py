"""What the stands app's changes show on cached pages (see `core.fragments`).

A stand's page section, the stand list and the members' profiles show the stands and their
accepted co-exhibitors (app topic `stands`). Applying, the waiting list, a decline or the
billing details show nowhere public: only an application that is accepted now or was
accepted when it was read replaces the topic, so a rush of applications renders no page again.
"""

from core.fragments import affects, loaded_values

from .models import CoExhibitorApplication, CoExhibitorBilling

SHOWN_BY = ("status", "places_needed", "organisation_id", "stand_id")


def _accepted(values) -> bool:
    return values["status"] == CoExhibitorApplication.Status.ACCEPTED


def _application_shown(application, _created, _update_fields):
    before = loaded_values(application)
    # Unknown (read without these fields): assume it was shown.
    was_shown = _accepted(before) if before is not None else not _created
    return was_shown or _accepted({name: getattr(application, name) for name in SHOWN_BY})


affects(CoExhibitorApplication, "stands", when=_application_shown, tracks=SHOWN_BY)
affects(CoExhibitorBilling)
