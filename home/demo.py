"""Demo content of the site itself: the organisation, the home page in Finnish,
Swedish and English, and the accessibility statement in the same three languages."""

import datetime

from django.core.files.base import ContentFile
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site

from .accessibility import AccessibilityStatementPage, AssessmentMethod, ConformanceStatus
from .front_page_demo import FRONT_PAGE
from .identity import mark_png
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
    "site_name": "Miksei",
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
ASSESSED_ON = datetime.date(2026, 12, 2)
STATEMENT_DATE = datetime.date(2026, 12, 2)

# What the site is as it is: its own pages pass the checks named in the assessment;
# what the listed companies write and upload themselves is outside the law's scope.
ACCESSIBILITY_STATEMENT = {
    "fi": {
        "title": "Saavutettavuusseloste",
        "slug": "saavutettavuusseloste",
        "introduction": (
            "<p>Tämä saavutettavuusseloste koskee Mikkelin kehitysyritys Miksei Oy:n "
            "verkkosivustoa: etusivua, yrityshakemistoa ja sen yrityssivuja, lomakkeita, "
            "tietosuojaselostetta ja tietopyyntölomaketta suomeksi, ruotsiksi ja englanniksi. "
            "Digitaalisten palvelujen tarjoamisesta annettu laki (306/2019) edellyttää, että "
            "julkiset verkkopalvelut ovat saavutettavia eli kaikkien käytettävissä.</p>"
        ),
        "assessment_description": (
            "Jokainen sivutyyppi tarkistetaan kolmella kielellä aina, kun sivustoa muutetaan: "
            "axe-core-työkalulla WCAG 2.1 -tasojen A ja AA mukaan, W3C:n Nu HTML "
            "-tarkistimella (ei virheitä) ja Chromium-selaimessa lomakekenttien reunojen "
            "kontrastin (vähintään 3:1) osalta. Näppäimistökäyttö (ohituslinkit, kielivalinta, "
            "hakemiston suodattimet, lomakkeiden virheilmoitukset) on testattu Chromiumilla, "
            "ja etusivu, yrityshakemisto ja yrityssivut on tarkistettu 375 ja 1280 pikselin "
            "levyisinä."
        ),
        "non_conformities": [
            (
                "non_conformity",
                {
                    "content": "Yritysten itse kirjoittamat kuvaukset ja lataamat logot",
                    "criteria": "1.4.5 Kuvat teksteinä, 3.1.2 Osien kieli",
                    "description": "Yrityshakemiston yritykset kirjoittavat kuvauksensa ja "
                    "lataavat logonsa itse. Logossa voi olla tekstiä, ja kuvaus voi olla vain "
                    "suomeksi; silloin se näytetään ruotsin- ja englanninkielisillä sivuilla "
                    "suomeksi ja merkitään suomenkieliseksi.",
                    "reason": "outside_scope",
                    "workaround": "Yrityksen nimi ja yhteystiedot ovat aina tekstinä. "
                    "Kysy yritykseltä tai meiltä, jos tarvitset tiedot toisella kielellä.",
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
            "Miksei Oy: startsidan, företagsregistret och dess företagssidor, formulären, "
            "dataskyddsbeskrivningen och formuläret för begäran om uppgifter på finska, svenska "
            "och engelska. Lagen om tillhandahållande av digitala tjänster (306/2019) kräver "
            "att offentliga webbtjänster är tillgängliga, det vill säga att alla kan använda "
            "dem.</p>"
        ),
        "assessment_description": (
            "Varje sidtyp kontrolleras på tre språk varje gång webbplatsen ändras: med "
            "verktyget axe-core enligt WCAG 2.1 nivå A och AA, med W3C:s Nu HTML-validerare "
            "(inga fel) och i webbläsaren Chromium när det gäller kontrasten i "
            "formulärfältens kanter (minst 3:1). Användning med tangentbord "
            "(överhoppningslänkar, språkval, registrets filter, felmeddelanden i formulär) har "
            "testats i Chromium, och startsidan, företagsregistret och företagssidorna har "
            "granskats i 375 och 1280 pixlars bredd."
        ),
        "non_conformities": [
            (
                "non_conformity",
                {
                    "content": "Beskrivningar och logotyper som företagen själva lagt till",
                    "criteria": "1.4.5 Bilder av text, 3.1.2 Språk för delar",
                    "description": "Företagen i registret skriver sina beskrivningar och laddar "
                    "upp sina logotyper själva. En logotyp kan innehålla text, och en "
                    "beskrivning kan finnas bara på finska; då visas den på finska på de "
                    "svenska och engelska sidorna och märks som finsk text.",
                    "reason": "outside_scope",
                    "workaround": "Företagets namn och kontaktuppgifter finns alltid som text. "
                    "Fråga företaget eller oss om du behöver uppgifterna på ett annat språk.",
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
            "Miksei Oy: the front page, the company directory and its company pages, the "
            "forms, the privacy notice and the data request form, in Finnish, Swedish and "
            "English. The Act on the Provision of Digital Services (306/2019) requires public "
            "online services to be accessible, that is, usable by everyone.</p>"
        ),
        "assessment_description": (
            "Every page type is checked in three languages whenever the site changes: with "
            "the axe-core tool against WCAG 2.1 levels A and AA, with the W3C Nu HTML checker "
            "(no errors) and in the Chromium browser for the contrast of form field borders "
            "(at least 3:1). Keyboard use (skip links, language switcher, directory filters, "
            "form error messages) has been tested in Chromium, and the front page, the "
            "company directory and the company pages have been checked 375 and 1280 pixels "
            "wide."
        ),
        "non_conformities": [
            (
                "non_conformity",
                {
                    "content": "Descriptions and logos the companies add themselves",
                    "criteria": "1.4.5 Images of Text, 3.1.2 Language of Parts",
                    "description": "The companies in the directory write their descriptions "
                    "and upload their logos themselves. A logo may contain text, and a "
                    "description may exist in Finnish only; it is then shown in Finnish on the "
                    "Swedish and English pages and marked as Finnish.",
                    "reason": "outside_scope",
                    "workaround": "The company's name and contact details are always text. Ask "
                    "the company or us if you need the details in another language.",
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
    if organisation.logo_id is None:
        organisation.logo = Image.objects.create(
            title="Miksei", file=ContentFile(mark_png(), name="miksei-logo.png")
        )
        organisation.save(update_fields=["logo"])
        stdout.write("Logo added.")

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


def compose_front_page(stdout):
    """The front page's blocks in each language, once every app has put its pages in
    place (load_initial_data calls this last): pages are found by type and slug, as
    this app imports no other."""
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        return
    finnish = {page.slug: page for page in home.get_children().live()}
    directory = (
        Page.objects.live()
        .filter(
            locale=home.locale,
            content_type__app_label="directory",
            content_type__model="directoryindexpage",
        )
        .first()
    )
    for version in home.get_translations(inclusive=True).live().specific():
        if any(block.block_type == "offers" for block in version.body):
            continue  # composed already; an editor's changes are left as they are
        code = version.locale.language_code

        def localized(page, locale=version.locale):
            return (page.get_translation_or_none(locale) or page) if page else None

        # The blocks other apps' demos added (the notice's link card) stay at the end.
        kept = [
            {"type": block.block_type, "value": block.block.get_prep_value(block.value)}
            for block in version.body
        ]
        version.body = (
            FRONT_PAGE[code](localized(directory), lambda slug: localized(finnish.get(slug))) + kept
        )
        version.save_revision().publish()
        stdout.write(f"Front page composed ({code}).")
