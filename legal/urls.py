from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "legal"

urlpatterns = [
    path(_("imprint/"), views.imprint, name="imprint"),
    path(_("privacy/"), views.privacy, name="privacy"),
    path(_("privacy/version/<int:version>/"), views.privacy_version, name="privacy_version"),
    path(_("accessibility/"), views.accessibility, name="accessibility"),
    path(_("easy-language/"), views.easy_language, name="easy_language"),
]
