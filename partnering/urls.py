from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import b2b_views, views

app_name = "partnering"

urlpatterns = [
    path("", views.board, name="board"),
    path(_("post/"), views.request_link, name="request_link"),
    path(_("post/<str:token>/"), views.post, name="post"),
    path("<int:pk>/", views.detail, name="detail"),
    path(_("members/<str:token>/"), views.member_view, name="member_view"),
    path(_("unsubscribe/<str:token>/"), views.digest_unsubscribe, name="digest_unsubscribe"),
    path("b2b/<str:token>/", b2b_views.b2b_home, name="b2b"),
    path(
        _("b2b/<str:token>/participants/"),
        b2b_views.b2b_participants,
        name="b2b_participants",
    ),
    path(
        _("b2b/<str:token>/participants/<int:pk>/request/"),
        b2b_views.b2b_request,
        name="b2b_request",
    ),
    path(_("b2b/<str:token>/requests/<int:pk>/"), b2b_views.b2b_answer, name="b2b_answer"),
    path(_("b2b/<str:token>/schedule/"), b2b_views.b2b_schedule, name="b2b_schedule"),
    path(
        _("b2b/<str:token>/schedule/print/"),
        b2b_views.b2b_schedule_print,
        name="b2b_schedule_print",
    ),
    path(_("b2b/<str:token>/schedule.ics"), b2b_views.b2b_schedule_ics, name="b2b_schedule_ics"),
]
