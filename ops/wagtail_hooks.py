from django.urls import path
from wagtail import hooks

from .two_factor import two_factor


@hooks.register("register_admin_urls")
def register_two_factor_url():
    return [path("two-factor/", two_factor, name="ops_two_factor")]
