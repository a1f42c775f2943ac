"""Every UI string has a reviewed Finnish, Swedish and English translation.

Checked over the parsed .po catalogues and over the same catalogues compiled to
.mo (what Django loads), so an entry that compiles to nothing fails too.
"""

import gettext
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
APPS = ("locale", "home", "privacy", "registry", "intake", "directory")
LANGUAGES = ("fi", "sv", "en")
CATALOGUES = sorted(
    path
    for path in ROOT.glob("**/locale/*/LC_MESSAGES/django.po")
    if ".venv" not in path.parts and "node_modules" not in path.parts
)


def catalogue_path(app, language):
    base = ROOT / "locale" if app == "locale" else ROOT / app / "locale"
    return base / language / "LC_MESSAGES" / "django.po"


def read(path):
    with path.open("rb") as po:
        return read_po(po)


def test_every_app_has_a_catalogue_in_finnish_swedish_and_english():
    missing = [
        f"{app}/{language}"
        for app in APPS
        for language in LANGUAGES
        if not catalogue_path(app, language).exists()
    ]
    assert missing == []


@pytest.mark.parametrize("app", APPS)
def test_the_three_catalogues_of_an_app_hold_the_same_strings(app):
    ids = {
        language: {message.id for message in read(catalogue_path(app, language)) if message.id}
        for language in LANGUAGES
    }
    assert ids["sv"] == ids["fi"]
    assert ids["en"] == ids["fi"]


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_has_no_empty_or_fuzzy_entries(catalogue):
    messages = [message for message in read(catalogue) if message.id]
    untranslated = [
        message.id
        for message in messages
        if message.fuzzy
        or not (all(message.string) if isinstance(message.string, tuple) else message.string)
    ]
    assert untranslated == []
    assert not read(catalogue).fuzzy, "the header is marked fuzzy"


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_compiled_entry_translates_to_text(catalogue):
    parsed = read(catalogue)
    compiled = BytesIO()
    write_mo(compiled, parsed)
    compiled.seek(0)
    translations = gettext.GNUTranslations(compiled)
    empty = []
    for message in parsed:
        if not message.id or message.pluralizable:
            continue
        if message.context:
            text = translations.pgettext(message.context, message.id)
        else:
            text = translations.gettext(message.id)
        if not text.strip():
            empty.append(message.id)
    assert empty == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fi", "Siirry sisältöön"), ("sv", "Hoppa till innehållet"), ("en", "Skip to content")],
)
def test_django_loads_the_shared_catalogue_in_each_language(language, expected):
    with translation.override(language):
        assert translation.gettext("Skip to content") == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fi", "Tulosta"), ("sv", "Skriv ut"), ("en", "Print")],
)
def test_django_loads_the_app_catalogues_in_each_language(language, expected):
    with translation.override(language):
        assert translation.gettext("Print") == expected
