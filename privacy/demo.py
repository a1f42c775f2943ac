"""The organisation's privacy notice as demo content.

The text is the seed notice (Finnish, drawn up 21.5.2018) word for word, split
into its numbered sections. Sections 1 and 2 are rendered from the
organisation settings, which `home.demo` fills from the same seed. It builds on the
home page that `home.demo` makes (demo modules load in INSTALLED_APPS order).
"""

import datetime

from wagtail.models import Locale, Page, Site

from .controller import controller_settings_model
from .demo_translations import TRANSLATIONS
from .models import PrivacyNoticePage

TITLE = "Rekisteri- ja tietosuojaseloste"
SLUG = "tietosuojaseloste"
DRAFTED_ON = datetime.date(2018, 5, 21)

INTRODUCTION = (
    "<p>Tämä on Mikkelin kehitysyritys Miksei Oy:n henkilötietolain (10 ja 24 §) ja "
    "EU:n yleisen tietosuojasetuksen (GDPR) mukainen rekisteri- ja tietosuojaseloste.</p>"
)

# The seed links "EU:n yleisen tietosuojaasetuksen mukaiset oikeudet" to a
# placeholder; the data protection ombudsman's page on those rights is the target.
RIGHTS_URL = "https://tietosuoja.fi/rekisteroidyn-oikeudet"


def _text(heading, *paragraphs):
    return ("text_section", {"heading": heading, "body": "".join(paragraphs)})


SECTIONS = [
    ("controller", {"heading": "Rekisterinpitäjä"}),
    ("contact_person", {"heading": "Rekisteristä vastaava yhteyshenkilö"}),
    _text("Rekisterin nimi", "<p>Organisaation asiakas- ja sidosryhmärekisteri.</p>"),
    _text(
        "Oikeusperuste ja henkilötietojen käsittelyn tarkoitus",
        "<p>EU:n yleisen tietosuojasetuksen mukainen oikeusperuste henkilötietojen "
        "käsittelylle on</p>",
        "<ul><li>Henkilön suostumus</li>"
        "<li>Sopimus, jossa rekisteröity on osapuolena</li>"
        "<li>Kuntien, kaupunkien ja kehittämissyhtiöiden asiakastyön hoitaminen</li>"
        "<li>Rekisterinpitäjän oikeutettu etu:</li></ul>",
        "<p>Rekisterinpitäjän oikeutettuna etuna on asiakassuhteen hoitaminen, "
        "organisaation toimintaan liittyvien palveluiden tarjoaminen ja tuotanto, "
        "mukaan lukien tapahtumien järjestäminen. Henkilötietoja käsitellään vain siinä "
        "määrin kuin on tarpeen em. tarkoitusten toteuttamiseksi ja tavalla, jota "
        "rekisteröidyt voivat kohtuudella odottaa tietoja antaessaan.</p>",
        "<p>Tietoja kerätään ensisijaisesti rekisterinpitäjän palveluiden piiriin "
        "kuuluvilta yrityksiltä, yhteisöiltä ja yksityishenkilöiltä. Lisäksi tietoja "
        "kerätään www-sivuilta ja muista julkisista tietolähteistä.</p>",
        "<p>Henkilötietojen käsittelyn tarkoitus on yhteydenpito asiakkaisiin, "
        "asiakassuhteen ylläpito, markkinointi tms. Tietoja ei käytetä automatisoituun "
        "päätöksentekoon tai profilointiin.</p>",
    ),
    (
        "data_content",
        {
            "heading": "Rekisterin tietosisältö",
            # The retention sentence comes from PRIVACY_RETENTION_YEARS.
            "body": "<p>Rekisteriin tallennettavia tietoja ovat: henkilön nimi, asema, "
            "yritys/organisaatio, yhteystiedot (puhelinnumero, sähköpostiosoite, osoite), "
            "www-sivustojen osoitteet, verkkoyhteyden IP-osoite, tunnukset/profiilit "
            "sosiaalisen median palveluissa, tiedot tilatuista palveluista ja niiden "
            "muutoksista, laskutustiedot, muut asiakassuhteeseen ja tilattuihin palveluihin "
            "liittyvät tiedot.</p>",
        },
    ),
    _text(
        "Säännönmukaiset tietolähteet",
        "<p>Rekisteriin tallennettavat tiedot saadaan asiakkaalta mm. www-lomakkeilla "
        "lähetetyistä viesteistä, sähköpostitse, puhelimitse, sosiaalisen median "
        "palvelujen kautta, sopimuksista, asiakastapaamisista ja muista tilanteista, "
        "joissa asiakas luovuttaa tietojaan.</p>",
        "<p>Lisäksi henkilötietoja voidaan kerätä ja päivittää tässä "
        "tietosuojaselosteessa kuvattuja käyttötarkoituksia varten myös julkisesti "
        "saatavilla olevista lähteistä ja viranomaisilta tai muilta kolmansilta "
        "osapuolilta saatujen tietojen perusteella sovellettavan lainsäädännön "
        "rajoissa. Tällainen tietojen päivittäminen suoritetaan manuaalisesti tai "
        "automaattisin keinoin.</p>",
    ),
    _text(
        "Tietojen säännönmukaiset luovutukset ja tietojen siirto EU:n tai ETA:n ulkopuolelle",
        "<p>Tietoja ei luovuteta säännönmukaisesti muille tahoille. Yritystietoja "
        "voidaan julkaista organisaation tarjoamissa palveluissa (esimerkiksi "
        "yrityshakemisto). Yritysassiakas voi itse muokata näkyvyyttään "
        "palveluissa.</p>",
        "<p>Henkilötietoja voidaan siirtää tapahtumien yhteisjärjestäjille ja "
        "julkisrahoitteisten projektien rahoittajille tai muille vastaaville "
        "julkishallinnon edustajille vain siinä määrin kuin on tarpeen.</p>",
        "<p>Tietoja ei pääsääntöisesti luovuteta EU / ETA -maiden ulkopuolelle. "
        "Yksittäisissä tapauksissa yhteystietoja voidaan luovuttaa "
        "yhteistyökumppaneille.</p>",
        "<p>Henkilötietoja ei luovuteta markkinointitarkoituksiin.</p>",
    ),
    _text(
        "Rekisterin suojauksen periaatteet",
        "<p>Rekisterin käsittelyssä noudatetaan huolellisuutta ja tietojärjestelmien "
        "avulla käsiteltävät tiedot suojataan asianmukaisesti. Kun rekisteritietoja "
        "säilytetään Internet-palvelimilla, niiden laitteiston fyysisestä ja "
        "digitaalisesta tietoturvasta huolehditaan asiaankuuluvasti. Rekisterinpitäjä "
        "huolehtii siitä, että tallennettuja tietoja sekä palvelimien käyttöoikeuksia "
        "ja muita henkilötietojen turvallisuuden kannalta kriittisiä tietoja "
        "käsitellään luottamuksellisesti ja vain niiden työntekijöiden toimesta, "
        "joiden työnkuvaan se kuuluu.</p>",
    ),
    _text(
        "Tarkastusoikeus ja oikeus vaatia tiedon korjaamista",
        "<p>Jokaisella rekisterissä olevalla henkilöllä on oikeus tarkistaa rekisteriin "
        "tallennetut tietonsa ja vaatia mahdollisen virheellisen tiedon korjaamista tai "
        "puutteellisen tiedon täydentämistä. Mikäli henkilö haluaa tarkistaa hänestä "
        "tallennetut tiedot tai vaatia niihin oikaisua, pyyntö tulee lähettää "
        "kirjallisesti rekisterinpitäjälle. Rekisterinpitäjä voi pyytää tarvittaessa "
        "pyynnön esittäjää todistamaan henkilöllisyytensä. Rekisterinpitäjä vastaa "
        "asiakkaalle EU:n tietosuoja-asetuksessa säädetyssä ajassa (pääsääntöisesti "
        "kuukauden kuluessa).</p>",
    ),
    _text(
        "Muut henkilötietojen käsittelyyn liittyvät oikeudet",
        "<p>Rekisterissä olevalla henkilöllä on oikeus pyytää häntä koskevien "
        "henkilötietojen poistamiseen rekisteristä (\u201doikeus tulla unohdetuksi\u201d). "
        "Niin ikään rekisteröidyillä on muut "
        f'<a href="{RIGHTS_URL}">EU:n yleisen tietosuojaasetuksen mukaiset oikeudet</a> '
        "kuten henkilötietojen käsittelyn rajoittaminen tietyissä tilanteissa. Pyyntö "
        "tulee lähettää kirjallisesti rekisterinpitäjälle. Rekisterinpitäjä voi pyytää "
        "tarvittaessa pyynnön esittäjää todistamaan henkilöllisyytensä. "
        "Rekisterinpitäjä vastaa asiakkaalle EU:n tietosuoja-asetuksessa säädetyssä "
        "ajassa (pääsääntöisesti kuukauden kuluessa).</p>",
    ),
]


def load(stdout):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if type(home) is Page:
        return  # Wagtail's welcome page: the site has no home page to build on

    notice = PrivacyNoticePage.objects.child_of(home).first()
    if notice is None:
        notice = PrivacyNoticePage(
            title=TITLE,
            slug=SLUG,
            show_in_menus=True,
            drafted_on=DRAFTED_ON,
            introduction=INTRODUCTION,
            sections=SECTIONS,
        )
        home.add_child(instance=notice)
        notice.save_revision().publish()
        stdout.write("Privacy notice published.")

    organisation = controller_settings_model().for_site(site)
    if organisation.privacy_notice_id is None:
        organisation.privacy_notice = notice
        organisation.save(update_fields=["privacy_notice"])

    link_to_notice(
        home,
        notice,
        "Miten käsittelemme asiakas- ja sidosryhmärekisterin "
        "henkilötietoja ja miten voit käyttää oikeuksiasi.",
        stdout,
    )

    # The Swedish and English notices: translations of the same page (one translation_key).
    for code, translation in TRANSLATIONS.items():
        fields = {key: value for key, value in translation.items() if key != "link_card_text"}
        translated = translate(notice, code, fields, stdout)
        translated_home = home.get_translation_or_none(translated.locale)
        if translated_home is not None:
            link_to_notice(
                translated_home.specific, translated, translation["link_card_text"], stdout
            )


def translate(notice, language_code, fields, stdout):
    """The live translation of the notice, made with Wagtail's "Translate" (a copy in the
    language's tree, the same translation_key) and `fields` if there is none yet."""
    locale = Locale.objects.get(language_code=language_code)
    existing = notice.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translated = notice.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    stdout.write(f"Privacy notice translated ({language_code}).")
    return translated


def link_to_notice(home, notice, text, stdout):
    """A link card on the home page to the notice, unless the home page has one."""
    if not any(block.block_type == "link_card" for block in home.body):
        home.body.append(("link_card", {"page": notice, "title": "", "text": text}))
        home.save_revision().publish()
        stdout.write(f"Home page links to the privacy notice ({home.locale.language_code}).")
