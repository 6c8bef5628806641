from django.urls import path

from . import views

app_name = "delegations"

urlpatterns = [
    path("", views.visit_list, name="list"),
    path("<slug:slug>/", views.visit_detail, name="detail"),
]
