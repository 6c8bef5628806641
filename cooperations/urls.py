from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "cooperations"

urlpatterns = [
    path("", views.cooperation_list, name="list"),
    # Before the cooperation pattern, which would otherwise take "partners" for a slug.
    path(_("partners/"), views.partner_list, name="partners"),
    path(_("partners/<slug:slug>/"), views.partner_detail, name="partner"),
    path("<slug:slug>/", views.cooperation_detail, name="detail"),
]
