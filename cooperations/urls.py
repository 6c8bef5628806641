from django.urls import path

from . import views

app_name = "cooperations"

urlpatterns = [
    path("", views.cooperation_list, name="list"),
    path("<slug:slug>/", views.cooperation_detail, name="detail"),
]
