from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "groups"

urlpatterns = [
    path("", views.group_list, name="list"),
    path(_("join/<str:token>/"), views.join, name="join"),
    path("<slug:slug>/", views.group_detail, name="detail"),
    path(_("<slug:slug>/join/"), views.join_access_request, name="access"),
    path(_("<slug:slug>/documents/<str:token>/"), views.documents, name="documents"),
    path(
        _("<slug:slug>/documents/<str:token>/<int:pk>/"),
        views.document_download,
        name="document",
    ),
]
