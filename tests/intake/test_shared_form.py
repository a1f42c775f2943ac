"""The empty form is rendered once and shared; each visitor's copy carries their own
CSRF token and submission key, and what is stored carries neither."""

import pickle

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from intake.empty_form import CSRF_TOKEN_STAND_IN, SUBMISSION_KEY_STAND_IN
from intake.models import IntakeSubmission
from pagecache.store import page_cache

from .factories import contact_answers
from .test_sent_once import THANKS, rendered_key

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def rendered_token(response):
    field = BeautifulSoup(response.content, "html.parser").find(
        "input", attrs={"name": "csrfmiddlewaretoken"}
    )
    return field["value"]


def stored_values():
    """Everything in the page cache, as the text it was stored as."""
    return [str(pickle.loads(value)) for value in page_cache()._cache.values()]  # noqa: S301


def test_each_visitor_gets_the_shared_form_with_a_token_and_key_of_their_own(contact_form):
    visitors = [Client(enforce_csrf_checks=True) for _ in range(3)]
    pages = [visitor.get(contact_form.url) for visitor in visitors]
    assert len({rendered_key(page) for page in pages}) == 3

    # Each token belongs to its visitor's cookie: every one of them can send the form.
    for n, (visitor, page) in enumerate(zip(visitors, pages, strict=True)):
        answers = contact_answers(
            sahkoposti=f"vierailija{n}@example.fi",
            csrfmiddlewaretoken=rendered_token(page),
            intake_submission_key=rendered_key(page),
        )
        response = visitor.post(contact_form.url, answers)
        assert response.status_code == 200
        assert THANKS in response.content.decode()
    assert IntakeSubmission.objects.count() == 3


def test_what_is_stored_holds_stand_ins_never_a_token_or_key(contact_form):
    pages = [Client().get(contact_form.url) for _ in range(3)]

    stored = "\n".join(stored_values())
    assert CSRF_TOKEN_STAND_IN in stored
    assert SUBMISSION_KEY_STAND_IN in stored
    for page in pages:
        assert rendered_token(page) not in stored
        assert rendered_key(page) not in stored
        assert CSRF_TOKEN_STAND_IN not in page.content.decode()
        assert SUBMISSION_KEY_STAND_IN not in page.content.decode()


def test_a_new_visitor_gets_the_form_without_queries(contact_form, django_assert_num_queries):
    Client().get(contact_form.url)
    Client().get(contact_form.url)
    with django_assert_num_queries(0):
        response = Client().get(contact_form.url)
    assert rendered_key(response)
    assert 'href="/tietosuojaseloste/"' in response.content.decode()  # the notice in force


def test_what_a_visitor_typed_into_a_refused_form_is_shown_to_them_alone(client, contact_form):
    client.get(contact_form.url)
    refused = client.post(contact_form.url, contact_answers(sahkoposti="ei-osoite", viesti="Oma X"))
    assert refused.status_code == 400
    assert "Oma X" in refused.content.decode()
    assert "Oma X" not in Client().get(contact_form.url).content.decode()
    assert "Oma X" not in "\n".join(stored_values())


def test_a_published_change_to_the_form_shows_at_once(contact_form):
    Client().get(contact_form.url)
    field = contact_form.form_fields.get(clean_name="viesti")
    field.label = "Kerro asiastasi"
    field.save()
    contact_form.save_revision().publish()
    assert "Kerro asiastasi" in Client().get(contact_form.url).content.decode()


def test_a_preview_shows_the_draft_and_leaves_the_shared_form_alone(contact_form):
    before = Client().get(contact_form.url).content.decode()
    contact_form.submit_label = "Lähetä luonnos"
    contact_form.save_revision()  # a draft, not published

    preview = contact_form.make_preview_request(preview_mode="form")
    assert "Lähetä luonnos" in preview.content.decode()
    after = Client().get(contact_form.url).content.decode()
    assert "Lähetä luonnos" not in after
    assert after.count("<input") == before.count("<input")
