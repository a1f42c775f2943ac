from django.urls import path

from . import views

app_name = "intake_admin"
urlpatterns = [
    path("changes/", views.proposed_changes, name="proposed_changes"),
    path(
        "changes/<int:pk>/<str:decision>/",
        views.decide_proposed_change,
        name="decide_proposed_change",
    ),
]
