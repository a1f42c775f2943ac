from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("pyynto/", views.request_form, name="request"),
    path("pyynto/lahetetty/", views.request_sent, name="request_sent"),
    path("pyynto/vahvista/<str:token>/", views.confirm, name="confirm"),
    path("pyynto/omat-tietosi/", views.download, name="download"),
]
