from django.urls import path

from . import admin_views

urlpatterns = [
    path("requests/", admin_views.request_index, name="requests"),
    path("requests/new/", admin_views.request_create, name="request_create"),
    path("requests/<int:pk>/", admin_views.request_detail, name="request"),
    path("requests/<int:pk>/identity/", admin_views.request_identity, name="request_identity"),
    path("requests/<int:pk>/extend/", admin_views.request_extend, name="request_extend"),
    path("requests/<int:pk>/rectify/", admin_views.request_rectify, name="request_rectify"),
    path("requests/<int:pk>/close/", admin_views.request_close, name="request_close"),
    path("retention/", admin_views.retention_index, name="retention"),
    path("disclosures/", admin_views.disclosure_index, name="disclosures"),
    path("disclosures/new/", admin_views.disclosure_create, name="disclosure_create"),
    path("record/", admin_views.processing_record, name="record"),
]
