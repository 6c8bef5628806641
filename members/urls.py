from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "members"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path(_("apply/"), views.application_create, name="apply"),
    path(_("apply/thank-you/"), views.application_thanks, name="application_thanks"),
    path(_("profile/<str:token>/"), views.profile_edit, name="profile_edit"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path(_("<slug:slug>/update/"), views.access_request, name="access_request"),
    path(_("<slug:slug>/contact/"), views.contact_message, name="contact"),
]
