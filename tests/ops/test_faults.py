"""A database outage: the health probe says so, visitors get the friendly 503, and it passes."""

from contextlib import contextmanager

import pytest
from django.db import OperationalError, connection
from django.test import Client


@contextmanager
def database_down():
    """Every query fails as it does when PostgreSQL has gone away."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError("connection to server at 127.0.0.1 port 5432 failed")

    with connection.execute_wrapper(refuse):
        yield


@pytest.fixture
def visitor():
    """A client that gets the response a browser would, not the re-raised exception."""
    return Client(raise_request_exception=False)


def test_health_is_200_with_no_personal_data_when_the_database_answers(client, db):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "databases": {"default": "ok", "ledger": "ok"}}
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_health_is_503_when_the_database_does_not_answer(client, db):
    with database_down():
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "databases": {"default": "unavailable", "ledger": "ok"},
    }


def test_health_is_exempt_from_the_https_redirect_for_load_balancers(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    assert client.get("/health/").status_code == 200
    assert client.get("/").status_code == 301


def test_a_page_answers_503_while_the_database_is_down_and_recovers_after(visitor, notice):
    url = notice.url
    with database_down():
        response = visitor.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert "Palvelu on hetken poissa käytöstä" in response.content.decode()
    assert "Rekisteri" not in response.content.decode()

    # No restart: the very next request is served normally.
    response = visitor.get(url)
    assert response.status_code == 200
    assert "Rekisteri- ja tietosuojaseloste" in response.content.decode()


def test_an_outage_while_loading_a_staff_session_also_gets_the_503(visitor, demo_site):
    """The session is read in a middleware, outside any view: handler500 catches it."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_superuser("editor", password="x")
    visitor.force_login(user)
    with database_down():
        response = visitor.get("/admin/")
    assert response.status_code == 503
    assert "Palvelu on hetken poissa käytöstä" in response.content.decode()
    assert visitor.get("/admin/").status_code == 200


def test_other_errors_stay_500s(visitor, demo_site, monkeypatch):
    from home.models import HomePage

    def broken(self, request, *args, **kwargs):
        raise ValueError("a bug, not an outage")

    monkeypatch.setattr(HomePage, "serve", broken)
    response = visitor.get("/")
    assert response.status_code == 500
    assert "Palvelussa on häiriö" in response.content.decode()


def test_the_503_page_renders_without_a_database(db):
    from ops.faults import database_unavailable_response

    with database_down():
        response = database_unavailable_response()
    assert response.status_code == 503
    assert b'<html lang="fi">' in response.content
