"""Demo content of the site itself: the organisation, the home page in Finnish,
Swedish and English, and the accessibility statement in the same three languages."""

import datetime

from wagtail.models import Locale, Site

from .accessibility import AccessibilityStatementPage, AssessmentMethod, ConformanceStatus
from .languages import translate_page
from .models import HomePage, OrganisationSettings

# The controller and contact person named in sections 1 and 2 of the seed notice.
ORGANISATION = {
    "controller_name": "Mikkelin kehitysyritys Miksei Oy",
    "street_address": "Maaherrankatu 9-11",
    "postcode": "50100",
    "city": "Mikkeli",
    "privacy_contact_name": "Marjo Niittuaho-Nastolin",
    "privacy_contact_phone": "0440 361 615",
    "privacy_contact_email": "marjo.niittuaho-nastolin@mikseimikkeli.fi",
}

INTRODUCTION = (
    "Mikkelin kehitysyritys Miksei Oy auttaa Mikkelin seudun yrityksiä "
    "perustamaan, kasvamaan ja kansainvälistymään."
)

# The home page's translations; the Finnish page is the original.
HOME_TRANSLATIONS = {
    "sv": {
        "title": "Miksei – S:t Michels utvecklingsbolag",
        "slug": "hem",
        "introduction": "Mikkelin kehitysyritys Miksei Oy hjälper företag i S:t Michelsregionen "
        "att starta, växa och bli internationella.",
    },
    "en": {
        "title": "Miksei – Mikkeli Development Company",
        "slug": "home-en",
        "introduction": "Mikkelin kehitysyritys Miksei Oy helps businesses in the Mikkeli "
        "region to start up, grow and go international.",
    },
}

LANGUAGE_CODES = ("sv", "en")

FEEDBACK_EMAIL = ORGANISATION["privacy_contact_email"]
ASSESSED_ON = datetime.date(2026, 11, 20)
STATEMENT_DATE = datetime.date(2026, 11, 20)

ACCESSIBILITY_STATEMENT = {
    "fi": {
        "title": "Saavutettavuusseloste",
        "slug": "saavutettavuusseloste",
        "introduction": (
            "<p>Tämä saavutettavuusseloste koskee Mikkelin kehitysyritys Miksei Oy:n "
            "verkkosivustoa. Digitaalisten palvelujen tarjoamisesta annettu laki (306/2019) "
            "edellyttää, että julkiset verkkopalvelut ovat saavutettavia eli kaikkien "
            "käytettävissä.</p>"
        ),
        "assessment_description": (
            "Sivuston jokainen sivupohja ja lomake tarkistetaan automaattisesti "
            "axe-core-työkalulla WCAG 2.1 -tasojen A ja AA mukaan aina, kun sivustoa muutetaan. "
            "Lisäksi näppäimistökäyttö (ohituslinkki, kielivalinta, lomakkeiden virheilmoitukset) "
            "on testattu Chromium-selaimella."
        ),
        "non_conformities": [
            (
                "non_conformity",
                {
                    "content": "Upotetut videot",
                    "criteria": "1.2.2 Tekstitys (tallennettu)",
                    "description": "Sivuille upotetuissa videoissa ei aina ole tekstitystä.",
                    "reason": "non_compliance",
                    "workaround": "Pyydä videon sisältö tekstinä sähköpostitse osoitteesta, "
                    "joka on mainittu kohdassa Palaute.",
                    "fix_expected": "6/2027",
                },
            ),
            (
                "non_conformity",
                {
                    "content": "Ennen 23.9.2018 julkaistut tiedostot",
                    "criteria": "1.3.1 Informaatio ja suhteet",
                    "description": "Vanhoissa PDF- ja Office-tiedostoissa ei ole otsikko- "
                    "tai taulukkorakennetta, jonka ruudunlukija tunnistaisi.",
                    "reason": "outside_scope",
                    "workaround": "Pyydä tiedosto saavutettavassa muodossa sähköpostitse.",
                    "fix_expected": "",
                },
            ),
        ],
    },
    "sv": {
        "title": "Tillgänglighetsutlåtande",
        "slug": "tillganglighetsutlatande",
        "introduction": (
            "<p>Detta tillgänglighetsutlåtande gäller webbplatsen för Mikkelin kehitysyritys "
            "Miksei Oy. Lagen om tillhandahållande av digitala tjänster (306/2019) kräver att "
            "offentliga webbtjänster är tillgängliga, det vill säga att alla kan använda "
            "dem.</p>"
        ),
        "assessment_description": (
            "Alla sidmallar och formulär på webbplatsen kontrolleras automatiskt med verktyget "
            "axe-core enligt WCAG 2.1 nivå A och AA varje gång webbplatsen ändras. Dessutom "
            "har användning med tangentbord (överhoppningslänk, språkval, felmeddelanden i "
            "formulär) testats i webbläsaren Chromium."
        ),
        "non_conformities": [
            (
                "non_conformity",
                {
                    "content": "Inbäddade videor",
                    "criteria": "1.2.2 Textning (förinspelat)",
                    "description": "Videor som bäddats in på sidorna är inte alltid textade.",
                    "reason": "non_compliance",
                    "workaround": "Be om videons innehåll som text per e-post till adressen "
                    "som anges under Respons.",
                    "fix_expected": "6/2027",
                },
            ),
            (
                "non_conformity",
                {
                    "content": "Filer publicerade före 23.9.2018",
                    "criteria": "1.3.1 Information och relationer",
                    "description": "Äldre PDF- och Office-filer saknar en rubrik- eller "
                    "tabellstruktur som en skärmläsare känner igen.",
                    "reason": "outside_scope",
                    "workaround": "Be om filen i tillgängligt format per e-post.",
                    "fix_expected": "",
                },
            ),
        ],
    },
    "en": {
        "title": "Accessibility statement",
        "slug": "accessibility-statement",
        "introduction": (
            "<p>This accessibility statement applies to the website of Mikkelin kehitysyritys "
            "Miksei Oy. The Act on the Provision of Digital Services (306/2019) requires "
            "public online services to be accessible, that is, usable by everyone.</p>"
        ),
        "assessment_description": (
            "Every page template and form on the site is checked automatically with the "
            "axe-core tool against WCAG 2.1 levels A and AA whenever the site changes. "
            "Keyboard use (skip link, language switcher, form error messages) has also been "
            "tested in the Chromium browser."
        ),
        "non_conformities": [
            (
                "non_conformity",
                {
                    "content": "Embedded videos",
                    "criteria": "1.2.2 Captions (Prerecorded)",
                    "description": "Videos embedded in the pages do not always have captions.",
                    "reason": "non_compliance",
                    "workaround": "Ask for the video's content as text by email at the "
                    "address given under Feedback.",
                    "fix_expected": "6/2027",
                },
            ),
            (
                "non_conformity",
                {
                    "content": "Files published before 23 September 2018",
                    "criteria": "1.3.1 Info and Relationships",
                    "description": "Older PDF and Office files lack a heading or table "
                    "structure that a screen reader recognises.",
                    "reason": "outside_scope",
                    "workaround": "Ask for the file in an accessible format by email.",
                    "fix_expected": "",
                },
            ),
        ],
    },
}


def load(stdout):
    for code in LANGUAGE_CODES:
        Locale.objects.get_or_create(language_code=code)

    site = Site.objects.get(is_default_site=True)
    organisation = OrganisationSettings.for_site(site)
    if not organisation.controller_name:
        for field, value in ORGANISATION.items():
            setattr(organisation, field, value)
        organisation.full_clean()
        organisation.save()
        stdout.write("Organisation settings filled in.")

    home = site.root_page.specific
    if not isinstance(home, HomePage):
        return
    if not home.introduction:
        home.title = "Miksei – Mikkelin kehitysyritys"
        home.introduction = INTRODUCTION
        home.save_revision().publish()
        stdout.write("Home page written.")

    for code, fields in HOME_TRANSLATIONS.items():
        if translate_page(home, code, **fields)[1]:
            stdout.write(f"Home page translated ({code}).")

    statement = load_accessibility_statement(home, stdout)
    if organisation.accessibility_statement_id is None:
        organisation.accessibility_statement = statement
        organisation.save(update_fields=["accessibility_statement"])


def load_accessibility_statement(home, stdout):
    statement = AccessibilityStatementPage.objects.child_of(home).first()
    common = {
        "conformance_status": ConformanceStatus.PARTIALLY,
        "assessed_on": ASSESSED_ON,
        "assessment_method": AssessmentMethod.SELF,
        "feedback_email": FEEDBACK_EMAIL,
        "statement_date": STATEMENT_DATE,
    }
    if statement is None:
        statement = AccessibilityStatementPage(**common, **ACCESSIBILITY_STATEMENT["fi"])
        home.add_child(instance=statement)
        statement.save_revision().publish()
        stdout.write("Accessibility statement published.")
    for code in LANGUAGE_CODES:
        if translate_page(statement, code, **common, **ACCESSIBILITY_STATEMENT[code])[1]:
            stdout.write(f"Accessibility statement translated ({code}).")
    return statement
