from io import StringIO

from django.core.management import call_command

from registry.models import Contact, CustomerEvent, Membership, Organisation


def counts():
    return [m.objects.count() for m in (Organisation, Contact, Membership, CustomerEvent)]


def test_demo_register_is_loaded_once_with_valid_records(demo_site):
    before = counts()
    assert before[0] >= 3 and before[1] >= 3 and before[3] >= 3
    call_command("load_initial_data", stdout=StringIO())
    assert counts() == before
    for organisation in Organisation.objects.all():
        organisation.full_clean()
    # The register's own demo people; the directory's demo owners come without events.
    for contact in Contact.objects.filter(email__endswith="@example.fi"):
        assert contact.last_customer_event_at is not None
    assert {o.municipality for o in Organisation.objects.all()} <= {
        "Mikkeli",
        "Juva",
        "Kangasniemi",
        "Mäntyharju",
        "Hirvensalmi",
        "Puumala",
        "Pertunmaa",
    }
