from django.urls import path

from . import preferences

app_name = "intake"

urlpatterns = [
    path("<str:token>/", preferences.preferences, name="consents"),
]
