"""A visitor sends a form: what is stored, what reaches the register, what is refused."""

import uuid

import pytest
from bs4 import BeautifulSoup
from django.core import mail

from intake.models import IntakeSubmission, ProposedChange, RegistryOutcome, SubmissionStep
from registry.models import (
    Consent,
    Contact,
    CustomerEvent,
    CustomerEventKind,
    DataSource,
    IPAddressSeen,
    LegalBasis,
    Organisation,
)

from .factories import ContactFactory, contact_answers, directory_answers, with_key

pytestmark = pytest.mark.django_db


def test_the_form_shows_the_privacy_notice_basis_and_purpose(client, contact_form, notice):
    response = client.get(contact_form.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("a", href=notice.url).get_text() == notice.title
    text = soup.get_text(" ", strip=True)
    assert "Yhteydenottoon vastaaminen" in text
    assert str(contact_form.get_legal_basis_display()) in text
    assert "Sähköposti" in soup.find("label", attrs={"for": "id_sahkoposti"}).get_text()


def test_the_form_page_takes_a_bounded_number_of_queries(
    client, contact_form, django_assert_max_num_queries
):
    client.get(contact_form.url)  # warm caches of the site and settings
    # 13: the page, its fields and notice, settings, and the language switcher's
    # translations of the page (one locale and one page query).
    with django_assert_max_num_queries(13):
        client.get(contact_form.url)


def test_a_valid_submission_stores_one_submission_one_contact_and_one_event(
    send, contact_form, notice
):
    response = send(
        contact_form,
        contact_answers(puhelin="040 123 4567"),
        REMOTE_ADDR="203.0.113.7",
        HTTP_USER_AGENT="Testiselain/1.0",
    )

    assert response.status_code == 200
    assert "Kiitos viestistäsi" in response.content.decode()
    submission = IntakeSubmission.objects.get()
    assert submission.ip_address == "203.0.113.7"
    assert submission.user_agent == "Testiselain/1.0"
    assert submission.notice_revision_id == notice.live_revision_id
    assert submission.legal_basis == LegalBasis.LEGITIMATE_INTEREST
    assert submission.form_data["viesti"] == "Haluaisin kuulla lisää palveluistanne."

    contact = Contact.objects.get()
    assert (contact.first_name, contact.last_name, contact.email) == (
        "Maija",
        "Meikäläinen",
        "maija@example.fi",
    )
    assert contact.source == DataSource.WEB_FORM
    assert contact.legal_basis == LegalBasis.LEGITIMATE_INTEREST
    assert list(contact.phones.values_list("number", flat=True)) == ["+358401234567"]
    event = CustomerEvent.objects.get()
    assert event.contact == contact
    assert event.kind == CustomerEventKind.FORM_SENT
    assert contact.last_customer_event_at == event.occurred_at
    assert IPAddressSeen.objects.get().ip_address == "203.0.113.7"
    assert submission.contact == contact
    assert submission.registry_outcome == RegistryOutcome.CREATED
    assert set(submission.steps.values_list("status", flat=True)) == {"done"}
    assert len(mail.outbox) == 1


def test_a_repeat_submission_from_the_same_email_updates_rather_than_duplicates(send, contact_form):
    send(contact_form, contact_answers())
    send(contact_form, contact_answers(sahkoposti="  MAIJA@Example.FI ", puhelin="0401234567"))

    assert IntakeSubmission.objects.count() == 2
    contact = Contact.objects.get()
    assert CustomerEvent.objects.filter(contact=contact).count() == 2
    assert contact.phones.count() == 1
    assert list(
        IntakeSubmission.objects.order_by("pk").values_list("registry_outcome", flat=True)
    ) == [RegistryOutcome.CREATED, RegistryOutcome.UPDATED]


def test_a_conflicting_value_becomes_a_proposed_change_not_an_overwrite(send, contact_form):
    ContactFactory(first_name="Maija", last_name="Virtanen", email="maija@example.fi")

    send(contact_form, contact_answers(nimi="Maija Meikäläinen"))

    contact = Contact.objects.get()
    assert contact.last_name == "Virtanen"
    change = ProposedChange.objects.get()
    assert (change.field, change.current_value, change.proposed_value) == (
        "last_name",
        "Virtanen",
        "Meikäläinen",
    )
    assert change.status == ProposedChange.Status.PENDING
    assert change.submission == IntakeSubmission.objects.get()


def test_the_organisation_is_matched_on_business_id_then_on_name(send, directory_form):
    by_id = Organisation.objects.create(name="Vanha nimi Oy", business_id="0112038-9")
    by_name = Organisation.objects.create(name="Kahvila Kuppi Oy")

    send(directory_form, directory_answers(yrityksen_nimi="Savon Sahti Oy"))
    send(
        directory_form,
        directory_answers(
            yrityksen_nimi="kahvila kuppi oy", y_tunnus="1572860-0", sahkoposti="kuppi@example.fi"
        ),
    )

    assert Organisation.objects.count() == 2
    by_name.refresh_from_db()
    assert by_name.business_id == "1572860-0"  # a blank is filled in
    pekka = Contact.objects.get(email="pekka@example.fi")
    assert list(pekka.memberships.values_list("organisation", flat=True)) == [by_id.pk]
    kuppi = Contact.objects.get(email="kuppi@example.fi")
    assert list(kuppi.memberships.values_list("organisation", flat=True)) == [by_name.pk]


def test_a_new_organisation_is_created_with_its_business_id(send, directory_form):
    send(directory_form, directory_answers())
    organisation = Organisation.objects.get()
    assert (organisation.name, organisation.business_id) == ("Savon Sahti Oy", "0112038-9")
    assert CustomerEvent.objects.get().organisation == organisation


def test_consent_text_is_stored_with_the_submission_and_in_the_register(send, directory_form):
    send(directory_form, directory_answers())

    submission = IntakeSubmission.objects.get()
    assert submission.consent_given
    assert submission.consent_text == directory_form.consent_text
    assert submission.legal_basis == LegalBasis.CONSENT
    consent = Consent.objects.get()
    assert consent.text_shown == directory_form.consent_text
    assert consent.contact.email == "pekka@example.fi"


def test_without_the_required_consent_nothing_is_stored(send, directory_form):
    answers = directory_answers()
    del answers["intake_consent"]
    response = send(directory_form, answers)

    assert response.status_code == 400
    assert "Tick the box" not in response.content.decode()
    assert "Anna suostumuksesi" in response.content.decode()
    assert not IntakeSubmission.objects.exists()


def test_invalid_answers_re_render_in_finnish_keeping_what_was_typed(send, contact_form):
    response = send(contact_form, contact_answers(sahkoposti="ei-osoite", puhelin="12"))

    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Lomakkeessa on virheitä" in soup.find(role="alert").get_text()
    assert soup.find("input", attrs={"name": "nimi"})["value"] == "Maija Meikäläinen"
    email = soup.find("input", attrs={"name": "sahkoposti"})
    assert email["aria-invalid"] == "true"
    assert soup.find(id=email["aria-describedby"].split()[-1]).get_text(strip=True)
    assert not IntakeSubmission.objects.exists()


def test_the_honeypot_rejects_without_storing(send, contact_form):
    response = send(contact_form, contact_answers(intake_website="http://spam.example"))

    assert response.status_code == 400
    assert "piilotettu kenttä" in response.content.decode()
    assert not IntakeSubmission.objects.exists()
    assert not Contact.objects.exists()


def test_the_rate_limit_rejects_without_storing_and_keeps_the_input(send, contact_form, settings):
    settings.INTAKE_RATE_LIMIT = "2/m"
    for n in range(2):
        assert send(contact_form, contact_answers(sahkoposti=f"a{n}@example.fi")).status_code == 200

    response = send(contact_form, contact_answers(sahkoposti="kolmas@example.fi"))

    assert response.status_code == 429
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Odota hetki" in soup.find(role="alert").get_text()
    assert soup.find("input", attrs={"name": "sahkoposti"})["value"] == "kolmas@example.fi"
    assert IntakeSubmission.objects.count() == 2
    # Another address is not limited.
    assert (
        send(
            contact_form, contact_answers(sahkoposti="muu@example.fi"), REMOTE_ADDR="198.51.100.9"
        ).status_code
        == 200
    )


def test_an_oversized_body_is_refused_without_storing(send, contact_form, settings):
    settings.INTAKE_MAX_BODY_BYTES = 1000
    response = send(contact_form, contact_answers(viesti="x" * 2000))
    assert response.status_code == 413
    assert "liian suuri" in response.content.decode()
    assert not IntakeSubmission.objects.exists()


def test_a_too_long_answer_is_an_error_not_a_truncation(send, contact_form):
    response = send(contact_form, contact_answers(viesti="x" * 5001))
    assert response.status_code == 400
    assert not IntakeSubmission.objects.exists()


def test_broken_encoding_and_control_characters_are_refused(send, contact_form):
    body = f"intake_submission_key={uuid.uuid4()}&nimi=Maija&sahkoposti=maija%40example.fi"
    body = body.encode() + b"&viesti=Hei+%FF%FE+rikki"
    with_bad_bytes = send(
        contact_form, body, content_type="application/x-www-form-urlencoded; charset=utf-8"
    )
    with_control = send(contact_form, contact_answers(viesti="Hei\x07\x1b[31m"))
    with_null = send(contact_form, contact_answers(viesti="Hei\x00"))

    for response in (with_bad_bytes, with_control, with_null):
        assert response.status_code == 400
    for response in (with_bad_bytes, with_control):
        assert "merkkejä, joita ei voi tallentaa" in response.content.decode()
    assert not IntakeSubmission.objects.exists()


def test_the_ip_comes_from_the_trusted_proxy_header_only_when_configured(
    send, contact_form, settings
):
    forwarded = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.50"}
    send(contact_form, contact_answers(sahkoposti="a@example.fi"), **forwarded)
    settings.TRUSTED_PROXY_COUNT = 1
    send(contact_form, contact_answers(sahkoposti="b@example.fi"), **forwarded)

    assert list(IntakeSubmission.objects.order_by("pk").values_list("ip_address", flat=True)) == [
        "10.0.0.1",
        "203.0.113.50",
    ]


def test_a_submission_without_an_email_is_stored_but_makes_no_contact(send, demo_site):
    from .factories import form_page

    page = form_page(fields=[("Palaute", "multiline", "")])
    response = send(page, with_key({"palaute": "Hyvä sivusto"}))
    assert response.status_code == 200
    submission = IntakeSubmission.objects.get()
    assert submission.registry_outcome == RegistryOutcome.NO_EMAIL
    assert not Contact.objects.exists()
    assert submission.steps.filter(kind=SubmissionStep.Kind.REGISTER).get().status == "done"


def test_the_event_registration_records_position_and_organisation(send, demo_site):
    from intake.models import FormPage

    page = FormPage.objects.get(slug="ilmoittautuminen")
    response = send(
        page,
        with_key(
            {
                "etunimi": "Ville",
                "sukunimi": "Vallaton",
                "sahkoposti": "ville@example.fi",
                "organisaatio": "Mikkelin Kone Oy",
                "tehtavanimike": "Toimitusjohtaja",
                "osallistun": "Etäyhteydellä",
                "lisatietoja": "",
            }
        ),
    )

    assert response.status_code == 200
    contact = Contact.objects.get()
    assert (contact.first_name, contact.last_name, contact.position) == (
        "Ville",
        "Vallaton",
        "Toimitusjohtaja",
    )
    membership = contact.memberships.get()
    assert (membership.organisation.name, membership.role) == (
        "Mikkelin Kone Oy",
        "Toimitusjohtaja",
    )
    assert IntakeSubmission.objects.get().form_data["osallistun"] == "Etäyhteydellä"
    assert IntakeSubmission.objects.get().legal_basis == LegalBasis.CONTRACT


def test_sending_takes_a_bounded_number_of_queries(
    client, contact_form, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    client.get(contact_form.url)
    # The request itself: checks, store, thank-you page.
    with (
        django_assert_max_num_queries(17),
        django_capture_on_commit_callbacks(execute=False) as callbacks,
    ):
        response = client.post(contact_form.url, contact_answers())
    assert response.status_code == 200
    # The follow-up steps for a new contact, run inline here: register update,
    # search index, and the notification stored in and sent from the email outbox.
    with django_assert_max_num_queries(42):
        for callback in callbacks:
            callback()
    assert Contact.objects.count() == 1
