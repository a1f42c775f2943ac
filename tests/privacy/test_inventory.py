"""Every field is classified; the notice's data content agrees with what is held."""

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError

import registry.personal_data
from privacy import inventory
from privacy.checks import check_inventory
from privacy.models import PrivacyNoticePage


def test_every_field_of_every_project_model_is_classified():
    assert check_inventory() == []


def test_an_unclassified_field_fails_the_system_check(monkeypatch):
    contact = {
        name: value
        for name, value in registry.personal_data.INVENTORY["registry.Contact"].items()
        if name != "email"
    }
    monkeypatch.setitem(registry.personal_data.INVENTORY, "registry.Contact", contact)

    errors = [error for error in run_checks() if error.id == "privacy.E002"]

    assert [error.msg for error in errors] == [
        "registry.Contact.email is not classified in registry/personal_data.py INVENTORY."
    ]
    with pytest.raises(SystemCheckError, match="registry.Contact.email"):
        call_command("check")


def test_an_app_with_models_but_no_inventory_fails_for_each_model(monkeypatch):
    monkeypatch.setattr(
        "privacy.checks.declared", lambda label: None if label == "registry" else {}
    )
    errors = [error for error in check_inventory() if error.id == "privacy.E001"]
    labels = {error.obj._meta.label for error in errors}
    assert "registry.Contact" in labels and "registry.BillingDetails" in labels
    assert all(label.startswith("registry.") for label in labels)


def test_an_unknown_classification_is_an_error(monkeypatch):
    contact = dict(registry.personal_data.INVENTORY["registry.Contact"], email="secret-ish")
    monkeypatch.setitem(registry.personal_data.INVENTORY, "registry.Contact", contact)
    assert [error.id for error in check_inventory()] == ["privacy.E003"]


def test_the_demo_notice_agrees_with_the_inventory(notice):
    assert inventory.compare_with_notice(notice.data_content_text()) == []


def test_a_notice_that_leaves_out_billing_disagrees(notice):
    text = notice.data_content_text().replace("laskutustiedot, ", "")
    messages = [item.category for item in inventory.compare_with_notice(text)]
    assert messages == ["billing"]


def test_staff_see_the_disagreement_on_the_dashboard(admin_client, notice):
    response = admin_client.get("/admin/")
    assert "The privacy notice and the data held disagree" not in response.content.decode()

    sections = [
        (block.block_type, block.value)
        for block in notice.sections
        if block.block_type != "data_content"
    ]
    notice.sections = sections
    notice.save_revision().publish()

    response = admin_client.get("/admin/")
    content = response.content.decode()
    assert "privacy-notice-inventory" in content


def test_the_notice_states_the_retention_period_from_the_setting(client, notice, settings):
    settings.PRIVACY_RETENTION_YEARS = 7
    response = client.get(notice.url)
    assert "Tiedot poistetaan 7 vuoden kuluttua viimeisestä asiakastapahtumasta." in (
        response.content.decode()
    )


def test_the_notice_links_to_the_request_form(client, notice):
    response = client.get(notice.url)
    assert 'href="/tietosuoja/pyynto/"' in response.content.decode()


@pytest.mark.django_db  # a page instance looks up its content type when built cold
def test_data_content_is_found_only_in_its_own_block():
    assert PrivacyNoticePage(sections=[]).data_content_text() is None
