"""The "about us" page (/ueber-uns/, /en/about/): who runs the network."""

from django.urls import path

from . import views

app_name = "about"

urlpatterns = [path("", views.about, name="page")]
