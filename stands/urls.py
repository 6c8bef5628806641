"""Below the events' section (`/veranstaltungen/`, `/en/events/`): the root URLconf includes
these before the events' own patterns, whose `<slug>/` would take `gemeinschaftsstaende/`."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "stands"

urlpatterns = [
    path(_("joint-stands/"), views.stand_list, name="list"),
    path(_("joint-stands/apply/<str:token>/"), views.stand_apply, name="apply"),
    path(_("<slug:slug>/co-exhibit/"), views.stand_access_request, name="access"),
]
