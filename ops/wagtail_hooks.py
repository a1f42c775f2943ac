from django.urls import path
from wagtail import hooks

from . import admin_views


@hooks.register("register_admin_urls")
def register_two_factor_url():
    return [path("two-factor/", admin_views.two_factor, name="ops_two_factor")]
