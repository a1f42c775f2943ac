"""Finnish is the site's first language: every UI string has a reviewed translation."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(
    path
    for path in ROOT.glob("**/locale/*/LC_MESSAGES/django.po")
    if ".venv" not in path.parts and "node_modules" not in path.parts
)


def test_every_app_has_a_finnish_catalogue():
    apps = {path.relative_to(ROOT).parts[0] for path in CATALOGUES if "/fi/" in str(path)}
    assert {"locale", "home", "privacy", "registry", "intake", "directory"} <= apps


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_has_no_empty_or_fuzzy_entries(catalogue):
    with catalogue.open("rb") as po:
        messages = [message for message in read_po(po) if message.id]
    untranslated = [
        message.id
        for message in messages
        if message.fuzzy
        or not (all(message.string) if isinstance(message.string, tuple) else message.string)
    ]
    assert untranslated == []
