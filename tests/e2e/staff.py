"""Staff in browser tests: logged in by session cookie, without the login form."""

from django.conf import settings
from django.test import Client


def log_in(page, site_url, user):
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site_url}]
    )
