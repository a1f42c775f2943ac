from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Revision

from home.models import OrganisationSettings
from privacy.models import PrivacyNoticePage


def snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "notices": PrivacyNoticePage.objects.count(),
        "settings": OrganisationSettings.objects.count(),
    }


def test_load_initial_data_is_idempotent(demo_site):
    before = snapshot()
    call_command("load_initial_data", stdout=StringIO())
    assert snapshot() == before
    assert before["notices"] == 3  # Finnish, Swedish and English


def test_demo_organisation_comes_from_the_seed(organisation, notice):
    assert organisation.controller_name == "Mikkelin kehitysyritys Miksei Oy"
    assert organisation.postal_address_lines == [
        "Mikkelin kehitysyritys Miksei Oy",
        "Maaherrankatu 9-11",
        "50100 Mikkeli",
    ]
    assert organisation.privacy_contact_email == "marjo.niittuaho-nastolin@mikseimikkeli.fi"
    assert organisation.privacy_notice.specific == notice


def test_load_initial_data_keeps_what_staff_changed(demo_site, organisation):
    organisation.street_address = "Hallituskatu 3"
    organisation.save()
    call_command("load_initial_data", stdout=StringIO())
    organisation.refresh_from_db()
    assert organisation.street_address == "Hallituskatu 3"


def test_ensure_admin_creates_one_superuser_and_prints_its_login(db, monkeypatch):
    monkeypatch.setenv("ADMIN_PASSWORD", "a-long-local-password")
    out = StringIO()
    call_command("ensure_admin", stdout=out)
    assert "admin / a-long-local-password" in out.getvalue()

    again = StringIO()
    call_command("ensure_admin", stdout=again)
    assert "a-long-local-password" not in again.getvalue()
    assert get_user_model().objects.filter(is_superuser=True).count() == 1
