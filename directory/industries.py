"""Statistics Finland's TOL 2025 industry classification: its main classes (sections).

The Trade Register classifies companies by TOL 2025 since 1 January 2026. A five-digit
code (for example 62100) belongs to a section by its first two digits (the division).
The sections, their names in Finnish, Swedish and English, and their divisions are
in fixtures/tol2025.json; `manage.py refresh_industry_codes` refreshes the names from
the Trade Register's code list.

A code typed in under TOL 2008 is mapped: its division number names the same TOL 2025
section (2008's J split into J and K, and the sections after it moved one letter
on, with their divisions), except for what TOL 2025 moved elsewhere (below).
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.utils.functional import lazy
from django.utils.translation import get_language

FIXTURE = Path(__file__).parent / "fixtures" / "tol2025.json"
UNKNOWN = "X"
TOL_2008 = "tol2008"
# TOL 2008 codes (by prefix) whose TOL 2025 section is not their division's.
TOL_2008_MOVED = {
    "45": "G",  # motor vehicle trade and repair: in 46 and 47 (95 for repair), section G
    "6391": "J",  # news agencies: 60.3, section J
}


@dataclass(frozen=True)
class Section:
    code: str
    names: dict
    divisions: tuple

    @property
    def name(self):
        language = (get_language() or "fi")[:2]
        return self.names.get(language) or self.names["fi"]


def load_sections(path=FIXTURE):
    data = json.loads(path.read_text(encoding="utf-8"))
    return tuple(
        Section(item["code"], dict(item["names"]), tuple(item["divisions"]))
        for item in data["sections"]
    )


SECTIONS = load_sections()
SECTIONS_BY_CODE = {section.code: section for section in SECTIONS}
SECTION_BY_DIVISION = {
    division: section.code for section in SECTIONS for division in section.divisions
}


def section_name(code):
    """The section's name in the current language; "" when there is no such section."""
    section = SECTIONS_BY_CODE.get(code)
    return section.name if section else ""


def _label(code):
    return f"{code} {section_name(code)}"


# Labels follow the language of the request that shows them.
SECTION_CHOICES = [(section.code, lazy(_label, str)(section.code)) for section in SECTIONS]


def section_choices():
    """For a model field: a migration refers to this instead of copying the names."""
    return SECTION_CHOICES


def section_for_code(industry_code, classification=""):
    """The TOL 2025 section letter of a code ("62100" -> "K"); "" when unknown.

    With classification "tol2008" the code is a TOL 2008 one and is mapped.
    """
    digits = "".join(ch for ch in (industry_code or "") if ch.isdigit())
    if len(digits) < 2:
        return ""
    if classification == TOL_2008:
        for prefix, section in TOL_2008_MOVED.items():
            if digits.startswith(prefix):
                return section
    return SECTION_BY_DIVISION.get(digits[:2], "")
