from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path(_("archive/"), views.event_archive, name="archive"),
    path("feed.ics", views.event_feed, name="feed"),
    path(_("registration/<str:token>/"), views.registration_page, name="registration"),
    path(_("confirm/<str:token>/"), views.registration_confirm, name="confirm"),
    path(_("check-in/<slug:code>/"), views.ticket_check_in, name="ticket_check_in"),
    path("<slug:slug>.ics", views.event_ics, name="ics"),
    path(_("<slug:slug>/check-in/"), views.event_check_in, name="check_in"),
    path(_("<slug:slug>/registered/"), views.registration_thanks, name="registered"),
    path("<slug:slug>/", views.event_detail, name="detail"),
]
