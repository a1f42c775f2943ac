"""The erasure promise as an auditor checks it: a person spread over every kind of data
the site stores, erased through the public workflow, then every column of every table
scanned for them; then the main database restored from a backup taken before the
erasure, `reapply_erasures` run, and every column scanned again."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from directory.models import DirectoryIndexPage, Listing, ListingApplication
from directory.services import apply_owner_changes, text_values, visibility_values
from intake.models import FormPage, IntakeSubmission
from ops.models import OutgoingEmail
from privacy.models import DataSubjectRequest
from registry.models import Consent, Contact, Organisation
from tests.intake.factories import contact_answers, directory_answers

from .dbscan import rows_pointing_at, traces
from .factories import person

# serialized_rollback as for every transactional test here: its flush then leaves the
# root page and site that migrations create.
pytestmark = pytest.mark.django_db(
    transaction=True, serialized_rollback=True, databases=["default", "ledger"]
)

OLD_EMAIL = "liisa.lahtinen@example.fi"
NEW_EMAIL = "liisa@lahtisen-puu.fi"
PHONE = "+358407654321"
# Every identifier in raw and normalised form, and the words only she is known by.
LIISA = [
    OLD_EMAIL,
    NEW_EMAIL,
    PHONE,
    "040 765 4321",
    "0407654321",
    "Lahtinen",
    "Liisa Lahtinen",
    "Salaperäinen kysymys",
]
MATTI = ["matti.virtanen@example.fi", "Virtanen"]
IDENTITY = {"method": "id_document", "how": "Ajokortti nähty toimistolla"}


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


def staff_officer():
    user = get_user_model().objects.create_user("tietosuoja", password="salasana-123")
    user.groups.add(Group.objects.get(name="Privacy officer"))
    return user


def request_through_the_site(client, officer, kind, email, **extra):
    """A request sent from the form, confirmed from the email, identity recorded."""
    mail.outbox.clear()
    client.post(
        reverse("privacy:request"),
        {"kind": kind, "name": "Liisa Lahtinen", "email": email, **extra},
    )
    client.get(link_in(mail.outbox[-1]))
    subject_request = DataSubjectRequest.objects.filter(kind=kind).latest("pk")
    client.force_login(officer)
    client.post(reverse("privacy_requests:identity", args=[subject_request.pk]), IDENTITY)
    return subject_request


def complete(client, subject_request):
    response = client.post(
        reverse("privacy_requests:close", args=[subject_request.pk]),
        {"action": "complete", "outcome": ""},
    )
    client.logout()
    return response


def create_the_person(client, officer, django_capture_on_commit_callbacks):
    organisation = Organisation.objects.create(name="Lahtisen Puu Oy", municipality="Mikkeli")
    person("Liisa", "Lahtinen", OLD_EMAIL, PHONE, organisation)
    person("Matti", "Virtanen", "matti.virtanen@example.fi", "+358409876543", organisation)

    # Two form submissions, with IP address, browser and free text.
    form = FormPage.objects.get(slug="ota-yhteytta")
    for answers in (
        contact_answers(
            nimi="Liisa Lahtinen",
            sahkoposti=OLD_EMAIL,
            puhelin="040 765 4321",
            viesti="Salaperäinen kysymys sahasta.",
        ),
        contact_answers(
            nimi="Liisa Lahtinen", sahkoposti=OLD_EMAIL, puhelin="0407654321", viesti="Soittakaa."
        ),
    ):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(form.url, answers, HTTP_USER_AGENT="Liisa Lahtinen's browser")
    assert IntakeSubmission.objects.filter(submitter_phone=PHONE).count() == 2

    # A consent-based form, then the consent withdrawn from the link in its email.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            FormPage.objects.get(slug="yrityshakemistoon", locale__language_code="fi").url,
            directory_answers(
                yrityksen_nimi="Lahtisen Puu Oy",
                yhteyshenkilo="Liisa Lahtinen",
                sahkoposti=OLD_EMAIL,
                puhelin="040 765 4321",
            ),
        )
    consent = IntakeSubmission.objects.filter(consent_given=True).latest("pk").consent
    confirmation = next(m for m in mail.outbox if m.to == [OLD_EMAIL])
    client.post(link_in(confirmation), {"consents": [consent.pk]})
    assert Consent.objects.get(pk=consent.pk).withdrawn_at is not None

    # The listing shows her phone and email; she edited it herself, once.
    listing = Listing.objects.create(
        organisation=organisation,
        name="Lahtisen Puu Oy",
        slug="lahtisen-puu",
        status=Listing.Status.PUBLIC,
        phone=PHONE,
        email=OLD_EMAIL,
    )
    apply_owner_changes(
        listing,
        {**text_values(listing), "description": "Sahatavaraa Mikkelistä."},
        visibility_values(listing),
    )

    # She applies to list her second company on the public form; nobody has decided yet.
    directory = DirectoryIndexPage.objects.live().get(locale__language_code="fi")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            directory.get_url() + directory.reverse_subpage("apply"),
            {
                "business_id": "1572860-0",
                "company_name": "Lahtisen Sahapalvelu Tmi",
                "first_name": "Liisa",
                "last_name": "Lahtinen",
                "email": OLD_EMAIL,
                "phone": "040 765 4321",
                "consent": "on",
                "send": "1",
            },
        )
    assert ListingApplication.objects.filter(email=OLD_EMAIL, phone=PHONE).exists()

    # An access request, completed: its export is stored for her to download.
    access = request_through_the_site(client, officer, "access", OLD_EMAIL)
    complete(client, access)
    assert DataSubjectRequest.objects.get(pk=access.pk).export_data

    # A rectification moves her to a new email.
    rectification = request_through_the_site(client, officer, "rectification", OLD_EMAIL)
    contact = Contact.objects.get(email=OLD_EMAIL)
    client.force_login(officer)
    screen = client.get(reverse("privacy_requests:inspect", args=[rectification.pk]))
    fields = screen.context["rectification_form"].rectifiable
    data = {f"f{i}": field["value"] for i, field in enumerate(fields)}
    data[next(f"f{i}" for i, f in enumerate(fields) if f["key"].endswith(":email"))] = NEW_EMAIL
    client.post(reverse("privacy_requests:rectify", args=[rectification.pk]), data)
    complete(client, rectification)
    assert Contact.objects.get(pk=contact.pk).email == NEW_EMAIL


def backup():
    """Every row of every table of the main database, as a dump would hold them."""
    tables = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table.startswith("sqlite_") or "indexentry_fts" in table:
                continue  # SQLite's own, and FTS shadow tables its triggers rebuild
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            tables[table] = ([column[0] for column in cursor.description], cursor.fetchall())
    return tables


def restore(tables):
    """The main database put back as the backup had it; the ledger's is left alone."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = OFF")
        else:
            cursor.execute("SET session_replication_role = replica")
        for table, (columns, rows) in tables.items():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"DELETE FROM {quoted}")  # noqa: S608
            if rows:
                names = ", ".join(connection.ops.quote_name(column) for column in columns)
                marks = ", ".join(["%s"] * len(columns))
                cursor.executemany(
                    f"INSERT INTO {quoted} ({names}) VALUES ({marks})",  # noqa: S608
                    rows,
                )
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = ON")
        else:
            cursor.execute("SET session_replication_role = DEFAULT")


def test_an_erased_person_is_nowhere_in_the_database_not_even_after_a_restore(
    client, demo_site, django_capture_on_commit_callbacks, settings
):
    # Email goes through the durable outbox as in production: its copies hold her too.
    settings.EMAIL_BACKEND = "ops.outbox_backend.OutboxEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    officer = staff_officer()
    create_the_person(client, officer, django_capture_on_commit_callbacks)
    before = {needle for _table, _column, needle in traces(*LIISA)}
    assert before == set(LIISA), "the scan must see every identifier before the erasure"
    assert OutgoingEmail.objects.filter(reply_to__icontains=OLD_EMAIL).exists()
    liisa = Contact.objects.get(email=NEW_EMAIL)
    linked = {label for label, _pk in rows_pointing_at(liisa)}
    assert {"registry.Membership", "registry.Consent", "registry.CustomerEvent"} <= linked
    assert {"registry.IPAddressSeen", "intake.IntakeSubmission"} <= linked
    saved = backup()

    # She asks for erasure from her new address; the officer verifies and completes.
    erasure = request_through_the_site(client, officer, "erasure", NEW_EMAIL)
    complete(client, erasure)

    left = traces(*LIISA)
    assert left == [], left
    assert rows_pointing_at(liisa) == []
    assert {needle for _t, _c, needle in traces(*MATTI)} == set(MATTI)
    assert DataSubjectRequest.objects.get(pk=erasure.pk).status == "completed"

    # A backup from before the erasure is restored: she is back ...
    restore(saved)
    assert traces(*LIISA)
    # ... until the erasures are applied again, from the ledger the restore did not touch.
    out = StringIO()
    call_command("reapply_erasures", stdout=out)

    assert traces(*LIISA) == []
    assert rows_pointing_at(liisa) == []
    assert {needle for _t, _c, needle in traces(*MATTI)} == set(MATTI)
    assert "Erased again: 1 people." in out.getvalue()
