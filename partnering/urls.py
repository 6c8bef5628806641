from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "partnering"

urlpatterns = [
    path("", views.board, name="board"),
    path(_("post/"), views.request_link, name="request_link"),
    path(_("post/<str:token>/"), views.post, name="post"),
    path("<int:pk>/", views.detail, name="detail"),
    path(_("members/<str:token>/"), views.member_view, name="member_view"),
    path(_("unsubscribe/<str:token>/"), views.digest_unsubscribe, name="digest_unsubscribe"),
]
