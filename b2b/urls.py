"""Below the partnering board's address (`/kooperationsboerse/b2b/…`, `/en/partnering/b2b/…`),
where the B2B pages were before they had an app of their own: links already mailed still open."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "b2b"

urlpatterns = [
    path("b2b/<str:token>/", views.b2b_home, name="home"),
    path(_("b2b/<str:token>/participants/"), views.b2b_participants, name="participants"),
    path(
        _("b2b/<str:token>/participants/<int:pk>/request/"),
        views.b2b_request,
        name="request",
    ),
    path(_("b2b/<str:token>/requests/<int:pk>/"), views.b2b_answer, name="answer"),
    path(_("b2b/<str:token>/schedule/"), views.b2b_schedule, name="schedule"),
    path(_("b2b/<str:token>/schedule/print/"), views.b2b_schedule_print, name="schedule_print"),
    path(_("b2b/<str:token>/schedule.ics"), views.b2b_schedule_ics, name="schedule_ics"),
]
