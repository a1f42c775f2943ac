"""Statistics Finland's TOL 2008 industry classification: its main classes (sections).

A listing's five-digit TOL 2008 code (for example 62010) belongs to a section
by its first two digits (the division). The section names are Statistics
Finland's own, in Finnish, and are published as they are.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    code: str
    name: str
    divisions: range


SECTIONS = (
    Section("A", "Maatalous, metsätalous ja kalatalous", range(1, 4)),
    Section("B", "Kaivostoiminta ja louhinta", range(5, 10)),
    Section("C", "Teollisuus", range(10, 34)),
    Section("D", "Sähkö-, kaasu- ja lämpöhuolto, jäähdytysliiketoiminta", range(35, 36)),
    Section(
        "E",
        "Vesihuolto, viemäri- ja jätevesihuolto, jätehuolto ja muu ympäristön puhtaanapito",
        range(36, 40),
    ),
    Section("F", "Rakentaminen", range(41, 44)),
    Section(
        "G",
        "Tukku- ja vähittäiskauppa; moottoriajoneuvojen ja moottoripyörien korjaus",
        range(45, 48),
    ),
    Section("H", "Kuljetus ja varastointi", range(49, 54)),
    Section("I", "Majoitus- ja ravitsemistoiminta", range(55, 57)),
    Section("J", "Informaatio ja viestintä", range(58, 64)),
    Section("K", "Rahoitus- ja vakuutustoiminta", range(64, 67)),
    Section("L", "Kiinteistöalan toiminta", range(68, 69)),
    Section("M", "Ammatillinen, tieteellinen ja tekninen toiminta", range(69, 76)),
    Section("N", "Hallinto- ja tukipalvelutoiminta", range(77, 83)),
    Section("O", "Julkinen hallinto ja maanpuolustus; pakollinen sosiaalivakuutus", range(84, 85)),
    Section("P", "Koulutus", range(85, 86)),
    Section("Q", "Terveys- ja sosiaalipalvelut", range(86, 89)),
    Section("R", "Taiteet, viihde ja virkistys", range(90, 94)),
    Section("S", "Muu palvelutoiminta", range(94, 97)),
    Section(
        "T",
        "Kotitalouksien toiminta työnantajina; kotitalouksien eriyttämätön toiminta "
        "tavaroiden ja palvelujen tuottamiseksi omaan käyttöön",
        range(97, 99),
    ),
    Section("U", "Kansainvälisten organisaatioiden ja toimielinten toiminta", range(99, 100)),
    Section("X", "Toimiala tuntematon", range(0, 1)),
)
SECTIONS_BY_CODE = {section.code: section for section in SECTIONS}
SECTION_CHOICES = [(section.code, f"{section.code} {section.name}") for section in SECTIONS]


def section_for_code(industry_code):
    """The section letter of a TOL 2008 code ("62010" -> "J"); "" when unknown."""
    digits = "".join(ch for ch in (industry_code or "") if ch.isdigit())
    if len(digits) < 2:
        return ""
    division = int(digits[:2])
    for section in SECTIONS:
        if division in section.divisions and section.code != "X":
            return section.code
    return ""


def section_name(code):
    section = SECTIONS_BY_CODE.get(code)
    return section.name if section else ""
