"""Withdrawing a consent as easily as giving it (GDPR art. 7(3)), as the person and an
auditor check it: the links on the thank-you page and in the email, what the page
shows, what a withdrawal records and stops, and what a bad link stores (nothing)."""

import datetime
import re

import pytest
import time_machine
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from intake.models import ConsentLink, FormPage, IntakeSubmission
from privacy.links import confirm_url
from privacy.models import DataSubjectRequest, Disclosure
from privacy.services import disclose, export_subject
from registry.models import Consent, ConsentText, Contact, CustomerEvent, CustomerEventKind

from .factories import directory_answers

pytestmark = pytest.mark.django_db

EMAIL = "pekka@example.fi"


def consent_mail():
    return next(m for m in mail.outbox if m.to == [EMAIL])


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.fixture
def sent(send, directory_form):
    """The directory form sent with consent; its confirmation email is in the outbox."""
    response = send(directory_form, directory_answers(sahkoposti=EMAIL))
    assert response.status_code == 200
    return response


def test_the_thank_you_page_and_the_email_carry_a_personal_link(sent, directory_form):
    submission = IntakeSubmission.objects.get()
    consent = Consent.objects.get()
    assert submission.consent == consent
    assert consent.text_shown == directory_form.consent_text
    assert consent.text_version.version == 1

    page_link = re.search(r'href="(/suostumukset/[^"]+)"', sent.content.decode()).group(1)
    assert "Voit perua suostumuksesi milloin tahansa" in sent.content.decode()
    message = consent_mail()
    assert message.subject.startswith("Lomakkeesi on vastaanotettu")
    assert directory_form.consent_text in message.body
    email_link = link_in(message)
    assert "/suostumukset/" in email_link and path_of(email_link) != page_link
    assert ConsentLink.objects.filter(submission=submission).count() == 2


def test_the_email_link_shows_every_consent_and_withdraws_the_chosen_one(
    client, sent, send, directory_form
):
    send(directory_form, directory_answers(sahkoposti=EMAIL, yrityksen_nimi="Toinen Oy"))
    first, second = Consent.objects.order_by("given_at", "pk")
    url = path_of(link_in([m for m in mail.outbox if m.to == [EMAIL]][-1]))

    page = client.get(url)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Suostumuksesi" in body
    assert body.count(directory_form.consent_text) == 2
    assert timezone.localtime(first.given_at).strftime("%-d.%-m.%Y") in body

    response = client.post(url, {"consents": [first.pk]})
    assert response.status_code == 200
    assert "Suostumus peruttu" in response.content.decode()
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.withdrawn_at is not None and second.is_active
    assert "sähköpostin linkki" in first.withdrawal_method
    event = CustomerEvent.objects.get(kind=CustomerEventKind.CONSENT_WITHDRAWN)
    assert event.contact_id == first.contact_id and event.channel == "web"
    assert event.occurred_at == first.withdrawn_at


def test_a_used_link_says_so_and_stores_nothing(client, sent):
    url = path_of(link_in(consent_mail()))
    consent = Consent.objects.get()
    client.post(url, {"consents": [consent.pk]})
    withdrawn_at = Consent.objects.get().withdrawn_at
    events = CustomerEvent.objects.count()

    again = client.get(url)
    assert again.status_code == 410
    assert "Linkki on jo käytetty" in again.content.decode()
    assert client.post(url, {"consents": [consent.pk]}).status_code == 410
    assert Consent.objects.get().withdrawn_at == withdrawn_at
    assert CustomerEvent.objects.count() == events


def test_the_thank_you_link_shows_only_the_consent_of_that_form(client, sent, send, directory_form):
    """Whoever sent the form may have typed another's address: the page link shows and
    withdraws nothing else of that person's."""
    response = send(directory_form, directory_answers(sahkoposti=EMAIL, yrityksen_nimi="B Oy"))
    newest = Consent.objects.order_by("-pk").first()
    url = re.search(r'href="(/suostumukset/[^"]+)"', response.content.decode()).group(1)
    older = Consent.objects.exclude(pk=newest.pk).get()

    page = client.get(url)
    assert f'data-consent="{newest.pk}"' in page.content.decode()
    assert f'data-consent="{older.pk}"' not in page.content.decode()
    assert client.post(url, {"consents": [older.pk]}).status_code == 400
    assert Consent.objects.get(pk=older.pk).is_active
    assert client.post(url, {"consents": [newest.pk]}).status_code == 200
    assert not Consent.objects.get(pk=newest.pk).is_active


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: token.replace(
            token.split(":")[0], signing.b64_encode(b'{"link":1}').decode()
        ),
        lambda token: "not-a-token",
    ],
)
def test_an_altered_link_is_refused_and_stores_nothing(client, sent, tamper):
    token = path_of(link_in(consent_mail())).split("/")[2]
    url = reverse("intake:consents", args=[tamper(token)])
    consent = Consent.objects.get()
    response = client.post(url, {"consents": [consent.pk]})
    assert response.status_code == 400
    assert "Linkki ei toimi" in response.content.decode()
    assert Consent.objects.get().is_active
    assert not ConsentLink.objects.filter(used_at__isnull=False).exists()


def test_a_token_signed_for_another_purpose_does_not_open_the_page(client, sent):
    request = DataSubjectRequest.objects.create(kind="access", email=EMAIL)
    other = confirm_url(request).rstrip("/").split("/")[-1]
    assert client.get(reverse("intake:consents", args=[other])).status_code == 400


def test_a_link_expires_after_thirty_days_and_then_stores_nothing(client, send, directory_form):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        send(directory_form, directory_answers(sahkoposti=EMAIL))
    url = path_of(link_in(consent_mail()))
    consent = Consent.objects.get()

    with time_machine.travel(start + datetime.timedelta(days=29), tick=False):
        assert client.get(url).status_code == 200
    with time_machine.travel(start + datetime.timedelta(days=30, seconds=1), tick=False):
        response = client.post(url, {"consents": [consent.pk]})
    assert response.status_code == 410
    assert "Linkki on vanhentunut" in response.content.decode()
    assert Consent.objects.get().is_active
    assert not CustomerEvent.objects.filter(kind=CustomerEventKind.CONSENT_WITHDRAWN).exists()


def test_nothing_chosen_is_an_error_and_keeps_the_link(client, sent):
    url = path_of(link_in(consent_mail()))
    response = client.post(url, {})
    assert response.status_code == 400
    assert "Valitse ainakin yksi" in response.content.decode()
    assert client.get(url).status_code == 200


def test_the_withdrawal_is_rate_limited_as_the_forms_are(client, sent, settings):
    settings.INTAKE_RATE_LIMIT = "1/m"
    url = path_of(link_in(consent_mail()))
    consent = Consent.objects.get()
    client.post(url, {})
    response = client.post(url, {"consents": [consent.pk]})
    assert response.status_code == 429
    assert Consent.objects.get().is_active


def test_the_page_and_email_speak_the_forms_language(client, send, directory_form):
    swedish = FormPage.objects.get(
        translation_key=directory_form.translation_key, locale__language_code="sv"
    )
    names = {
        finnish.clean_name: translated.clean_name
        for finnish, translated in zip(
            directory_form.get_form_fields(), swedish.get_form_fields(), strict=True
        )
    }
    answers = {names.get(key, key): value for key, value in directory_answers().items()}
    answers[names["sahkoposti"]] = EMAIL
    send(swedish, answers)
    message = consent_mail()
    assert "/sv/suostumukset/" in link_in(message)
    assert "återkalla" in message.body
    page = client.get(path_of(link_in(message)))
    assert "Dina samtycken" in page.content.decode()


def test_a_changed_consent_text_is_a_new_version_and_old_consents_keep_theirs(
    sent, send, directory_form
):
    old_text = directory_form.consent_text
    directory_form.consent_text = "Uusi suostumusteksti: saatte julkaista tiedot."
    directory_form.save_revision().publish()
    versions = ConsentText.objects.filter(source=directory_form.consent_source)
    assert list(versions.values_list("version", "text")) == [
        (2, "Uusi suostumusteksti: saatte julkaista tiedot."),
        (1, old_text),
    ]

    send(directory_form, directory_answers(sahkoposti="toinen@example.fi"))
    old, new = Consent.objects.order_by("pk")
    assert (old.text_shown, old.text_version.version) == (old_text, 1)
    assert (new.text_shown, new.text_version.version) == (directory_form.consent_text, 2)
    # Publishing again without a change adds no version.
    directory_form.save_revision().publish()
    assert versions.count() == 2


def test_a_disclosure_based_on_consent_leaves_out_a_withdrawn_consent(sent, send, directory_form):
    send(directory_form, directory_answers(sahkoposti="toinen@example.fi"))
    withdrawn, kept = Contact.objects.order_by("pk")
    Consent.objects.get(contact=withdrawn).withdraw("puhelimessa")
    ids = [withdrawn.pk, kept.pk]

    def disclosed(basis):
        return disclose(
            user=None,
            recipient="Tapahtumakumppani Oy",
            recipient_category=Disclosure.RecipientCategory.EVENT_CO_ORGANISER,
            purpose=Disclosure.Purpose.EVENT,
            legal_basis=basis,
            fields=["email"],
            contact_ids=ids,
        ).disclosure.contact_ids

    assert disclosed(Disclosure.LegalBasis.CONSENT) == [kept.pk]
    assert sorted(disclosed(Disclosure.LegalBasis.LEGITIMATE_INTEREST)) == sorted(ids)


def test_the_export_holds_the_consent_text_version_and_withdrawal(client, sent, directory_form):
    url = path_of(link_in(consent_mail()))
    client.post(url, {"consents": [Consent.objects.get().pk]})
    (exported,) = export_subject(EMAIL)["registry.contact"]["yhteyshenkilöt"][0]["suostumukset"]
    consent = Consent.objects.get()
    assert exported["näytetty teksti"] == directory_form.consent_text
    assert exported["tekstin versio"] == 1
    assert exported["peruttu"] == consent.withdrawn_at.isoformat()
    assert "sähköpostin linkki" in exported["miten peruttu"]


def test_staff_see_the_withdrawal_on_the_contact(client, sent, admin_client):
    url = path_of(link_in(consent_mail()))
    consent = Consent.objects.get()
    client.post(url, {"consents": [consent.pk]})
    page = admin_client.get(
        reverse("wagtailsnippets_registry_contact:inspect", args=[consent.contact_id])
    )
    body = page.content.decode()
    assert "sähköpostin linkki" in body
    assert "Suostumus peruttu" in body  # the customer event in the timeline


def test_the_page_takes_a_bounded_number_of_queries(
    client, sent, send, directory_form, django_assert_max_num_queries
):
    for number in range(5):
        send(directory_form, directory_answers(sahkoposti=EMAIL, yrityksen_nimi=f"Oy {number}"))
    url = path_of(link_in([m for m in mail.outbox if m.to == [EMAIL]][-1]))
    with django_assert_max_num_queries(12):
        page = client.get(url)
    assert page.content.decode().count("data-consent=") == 6
