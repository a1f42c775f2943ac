"""Admin login throttling, staff session expiry and the optional second factor."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from ops.client_address import client_ip


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user("toimittaja", password="oikea-salasana-123")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


def log_in(client, password, username="toimittaja", **extra):
    return client.post("/admin/login/", {"username": username, "password": password}, **extra)


def test_wagtails_login_works_and_five_failures_lock_the_account_out_from_that_address(
    client, editor
):
    assert log_in(client, "oikea-salasana-123").status_code == 302
    client.logout()
    for _ in range(5):
        response = log_in(client, "väärä")
        assert response.status_code in (200, 429)
    response = log_in(client, "oikea-salasana-123")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_lockout_is_per_address_so_others_can_still_sign_in(client, editor):
    for _ in range(5):
        log_in(client, "väärä", REMOTE_ADDR="203.0.113.9")
    assert log_in(client, "oikea-salasana-123", REMOTE_ADDR="203.0.113.9").status_code == 429
    assert log_in(client, "oikea-salasana-123", REMOTE_ADDR="198.51.100.7").status_code == 302


def test_client_login_in_tests_still_works_without_a_request(client, editor):
    assert client.login(username="toimittaja", password="oikea-salasana-123")


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (0, "1.2.3.4", "10.0.0.1"),  # no trusted proxy: X-Forwarded-For is ignored
        (1, "1.2.3.4", "1.2.3.4"),
        (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),  # a forged left part is not believed
        (2, "6.6.6.6, 1.2.3.4, 10.0.0.2", "1.2.3.4"),
    ],
)
def test_the_client_address_comes_only_from_trusted_proxies(
    rf, settings, count, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = count
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.1")
    assert client_ip(request) == expected


def test_a_staff_session_slides_with_activity_and_ends_after_an_idle_hour(client, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    assert client.session.get_expiry_age() == 3600


def test_a_staff_session_ends_ten_hours_after_sign_in_whatever_the_activity(client, editor):
    client.force_login(editor)
    client.get("/admin/")
    session = client.session
    session["staff_session_started"] = int(time.time()) - 10 * 3600 - 1
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert "_auth_user_id" not in client.session


def current_code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


@pytest.fixture
def registry_viewer(editor, settings):
    settings.OTP_REQUIRED_PERMISSIONS = ["registry.view_contact"]
    editor.user_permissions.add(Permission.objects.get(codename="view_contact"))
    return get_user_model().objects.get(pk=editor.pk)


def test_without_the_setting_nobody_is_asked_for_a_second_factor(client, editor):
    editor.user_permissions.add(Permission.objects.get(codename="view_contact"))
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_staff_without_registry_permissions_are_not_asked(client, editor, settings):
    settings.OTP_REQUIRED_PERMISSIONS = ["registry.view_contact"]
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_a_registry_user_enrols_a_device_then_reaches_the_admin(client, registry_viewer):
    client.force_login(registry_viewer)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/two-factor/?next=/admin/pages/"

    response = client.get(response["Location"])
    assert response.status_code == 200
    device = TOTPDevice.objects.get(user=registry_viewer)
    assert not device.confirmed
    assert "otpauth://totp/" in response.content.decode()

    response = client.post("/admin/two-factor/?next=/admin/pages/", {"token": "000000"})
    assert response.status_code == 200
    assert "Koodi ei kelpaa" in response.content.decode()  # Finnish, the first language
    assert client.get("/admin/").status_code == 302

    # django-otp makes a device wait a second after a wrong code; don't sleep in a test.
    device.refresh_from_db()
    device.throttle_reset()
    response = client.post("/admin/two-factor/?next=/admin/pages/", {"token": current_code(device)})
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/").status_code == 200


def test_an_enrolled_user_is_asked_for_a_code_at_each_sign_in_not_the_key(client, registry_viewer):
    device = TOTPDevice.objects.create(user=registry_viewer, name="default", confirmed=True)
    client.force_login(registry_viewer)
    response = client.get("/admin/two-factor/")
    assert "otpauth://" not in response.content.decode()
    assert client.post("/admin/two-factor/", {"token": current_code(device)}).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_next_address_cannot_send_the_user_to_another_site(client, registry_viewer):
    device = TOTPDevice.objects.create(user=registry_viewer, name="default", confirmed=True)
    client.force_login(registry_viewer)
    response = client.post(
        "/admin/two-factor/?next=https://evil.example/", {"token": current_code(device)}
    )
    assert response["Location"] == "/admin/"
