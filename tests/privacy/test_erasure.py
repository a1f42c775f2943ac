"""Erasure: no trace left anywhere, billing kept anonymised, and a restore cannot undo it."""

from io import StringIO

import pytest
from django.core import serializers
from django.core.management import call_command

from privacy.models import ErasureLedgerEntry
from privacy.services import erase_subject, export_subject
from registry.models import BillingDetails, Contact, ServiceOrder

from .dbscan import traces

MAIJA = ["maija.meikalainen@example.fi", "Meikäläinen", "+358401234567", "0401234567"]
MATTI = ["matti.virtanen@example.fi", "Virtanen", "+358409876543"]


def backup_of(contact):
    """The person's rows as a backup would hold them: the contact and every row that
    points at it, found from the models' relations (not the erasure's own list)."""
    objects = [contact]
    for relation in Contact._meta.related_objects:
        if relation.one_to_many or relation.one_to_one:
            rows = relation.related_model.objects.filter(**{relation.field.name: contact})
            objects.extend(rows)
    return serializers.serialize("json", objects)


@pytest.mark.parametrize(
    "identifier",
    ["maija.meikalainen@example.fi", "040 123 4567", "contact_id"],
)
def test_erasure_leaves_no_trace_of_the_person_anywhere_in_the_database(seeded, identifier):
    maija = seeded["maija"]
    if identifier == "contact_id":
        identifier = maija.pk
    assert traces(*MAIJA), "the scan must see the person before the erasure"

    counts = erase_subject(identifier)

    assert counts["registry.contact"] > 0
    assert traces(*MAIJA) == []
    # The other person is untouched.
    assert Contact.objects.filter(email="matti.virtanen@example.fi").exists()
    assert {needle for _t, _c, needle in traces(*MATTI)} == set(MATTI)


def test_billing_details_are_kept_without_the_person_and_say_why(seeded):
    maija = seeded["maija"]
    billing_id = BillingDetails.objects.get(contact=maija).pk

    erase_subject("maija.meikalainen@example.fi")

    billing = BillingDetails.objects.get(pk=billing_id)
    assert billing.contact is None
    assert billing.billing_email == ""
    assert "Accounting Act" in billing.billing_name or "kirjanpitolain" in billing.billing_name
    assert billing.reference == "LASKU-1"
    # The organisation's order stays, unlinked; the person's own order goes.
    assert ServiceOrder.objects.filter(service="Messuosasto", contact__isnull=True).count() == 1
    assert not ServiceOrder.objects.filter(notes__icontains="Maija").exists()


def test_the_ledger_holds_no_personal_data_and_reapply_erases_a_restored_person(seeded):
    maija = seeded["maija"]
    backup = backup_of(maija)

    erase_subject("maija.meikalainen@example.fi")
    assert ErasureLedgerEntry.objects.count() == 2  # her email, and her contact by id and time
    assert traces(*MAIJA) == []

    # A restore from backup brings the rows back.
    for restored in serializers.deserialize("json", backup):
        restored.save()
    assert Contact.objects.filter(email="maija.meikalainen@example.fi").exists()
    assert traces(*MAIJA)

    out = StringIO()
    call_command("reapply_erasures", stdout=out)

    assert "1" in out.getvalue()
    assert traces(*MAIJA) == []
    assert Contact.objects.filter(email="matti.virtanen@example.fi").exists()
    assert {entry.reapplied_count for entry in ErasureLedgerEntry.objects.all()} == {1}


def test_reapply_with_nobody_back_changes_nothing(seeded):
    erase_subject("maija.meikalainen@example.fi")
    before = Contact.objects.count()
    call_command("reapply_erasures", stdout=StringIO())
    assert Contact.objects.count() == before


def test_erasure_is_one_transaction_across_providers(seeded, monkeypatch):
    from privacy import services
    from privacy.providers import BaseProvider, registered

    class Failing(BaseProvider):
        label = "test.failing"

        def erase(self, subject):
            raise RuntimeError("disk full")

    monkeypatch.setattr(services, "registered", lambda: [*registered(), Failing()])
    with pytest.raises(RuntimeError):
        erase_subject("maija.meikalainen@example.fi")
    assert Contact.objects.filter(email="maija.meikalainen@example.fi").exists()
    # The ledger was written first, in its own database: the next `reapply_erasures`
    # finishes what failed, rather than a restore undoing an erasure that worked.
    assert ErasureLedgerEntry.objects.count() == 2


def test_after_erasure_an_access_export_finds_nothing(seeded):
    erase_subject("maija.meikalainen@example.fi")
    export = export_subject("maija.meikalainen@example.fi")
    assert all(not any(values) for data in export.values() for values in data.values())


def test_admin_log_entries_about_the_person_are_renamed_to_the_contact_number(seeded):
    from wagtail.log_actions import log
    from wagtail.models import ModelLogEntry

    maija = seeded["maija"]
    log(maija, "wagtail.edit")
    # The register labels new entries by number; an entry written before that
    # (or by code that bypasses it) may still carry the name.
    ModelLogEntry.objects.filter(action="wagtail.edit").update(label="Maija Meikäläinen")

    erase_subject("maija.meikalainen@example.fi")

    assert ModelLogEntry.objects.get(action="wagtail.edit").label == f"contact #{maija.pk}"
