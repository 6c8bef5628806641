from django.urls import path

from . import views

app_name = "billing"

urlpatterns = [
    path("<str:token>/", views.invoice_pdf, name="pdf"),
    path("<str:token>/xrechnung/", views.invoice_xml, name="xml"),
]
