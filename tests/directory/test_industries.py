"""TOL 2025 sections drive the industry facets; TOL 2008 codes are mapped."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from directory.industries import (
    SECTION_CHOICES,
    SECTIONS,
    load_sections,
    section_for_code,
    section_name,
)

from ..registry.prh_server import RESPONSES


@pytest.mark.parametrize(
    "code, classification, section",
    [
        ("62100", "tol2025", "K"),  # computer programming
        ("58110", "tol2025", "J"),  # book publishing
        ("68110", "tol2025", "M"),  # real estate
        ("99000", "tol2025", "V"),
        ("62010", "tol2008", "K"),  # TOL 2008 J 62 -> TOL 2025 K
        ("58110", "tol2008", "J"),
        ("69201", "tol2008", "N"),  # accounting: 2008 M -> 2025 N
        ("45200", "tol2008", "G"),  # motor repair: division 45 is gone in TOL 2025
        ("63910", "tol2008", "J"),  # news agencies moved to 60.3
        ("63110", "tol2008", "K"),
        ("96021", "tol2008", "T"),  # hairdressing: 2008 S -> 2025 T
        ("45200", "tol2025", ""),
        ("", "tol2025", ""),
        ("1", "tol2025", ""),
    ],
)
def test_a_code_has_its_tol_2025_section(code, classification, section):
    assert section_for_code(code, classification) == section


def test_every_section_is_named_in_finnish_swedish_and_english():
    assert [section.code for section in SECTIONS][:3] == ["A", "B", "C"]
    assert len(SECTIONS) == 23  # A-V and X (unknown)
    for section in SECTIONS:
        assert all(section.names.get(language) for language in ("fi", "sv", "en"))
    divisions = [division for section in SECTIONS for division in section.divisions]
    assert len(divisions) == len(set(divisions))


def test_names_follow_the_language():
    with translation.override("fi"):
        assert section_name("Q") == "Koulutus"
        assert dict(SECTION_CHOICES)["Q"] == "Q Koulutus"
    with translation.override("sv"):
        assert section_name("Q") == "Utbildning"
        assert dict(SECTION_CHOICES)["Q"] == "Q Utbildning"
    with translation.override("en"):
        assert section_name("K").startswith("Telecommunication, computer programming")
    assert section_name("Ö") == ""


def test_the_code_list_is_refreshed_from_the_trade_register(prh, tmp_path):
    for language in ("fi", "sv", "en"):
        prh.descriptions[("TOIMI4", language)] = (RESPONSES / f"toimi4_{language}.tsv").read_text(
            encoding="utf-8"
        )
    output = tmp_path / "tol2025.json"
    out = io.StringIO()
    call_command("refresh_industry_codes", output=output, stdout=out)
    # The fake list names section K differently in Finnish and Swedish; English agrees.
    assert "2 section names changed" in out.getvalue()
    assert "3 requests" in out.getvalue()
    sections = {section.code: section for section in load_sections(output)}
    assert sections["K"].names["fi"].startswith("Televiestintä, ohjelmointi")
    assert sections["K"].names["sv"].startswith("Telekommunikation, programmering")
    assert sections["Q"].names == {"fi": "Koulutus", "sv": "Utbildning", "en": "Education"}
    assert sections["K"].divisions == ("61", "62", "63")
    assert [path.rsplit("/", 1)[1] for _t, path in prh.log] == ["description"] * 3


def test_a_code_list_that_cannot_be_read_changes_nothing(prh, tmp_path):
    prh.descriptions[("TOIMI4", "fi")] = "just one column\n"
    output = tmp_path / "tol2025.json"
    with pytest.raises(CommandError, match="not two columns"):
        call_command("refresh_industry_codes", output=output, stdout=io.StringIO())
    assert not output.exists()
