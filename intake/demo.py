"""Ready-made web forms: contact us, an event registration and a directory listing request."""

from wagtail.models import Site

from home.languages import translate_page
from home.models import HomePage
from registry.models import LegalBasis

from .demo_translations import FORM_TRANSLATIONS
from .models import FormField, FormPage, RegisterField

NOTIFY = "asiakaspalvelu@example.com"


def _field(label, field_type, maps_to="", required=True, help_text="", choices=""):
    return {
        "label": label,
        "field_type": field_type,
        "maps_to": maps_to,
        "required": required,
        "help_text": help_text,
        "choices": choices,
    }


FORMS = [
    {
        "slug": "ota-yhteytta",
        "title": "Ota yhteyttä",
        "show_in_menus": True,
        "introduction": "<p>Kysy meiltä yrityksesi perustamisesta, kasvusta tai "
        "kansainvälistymisestä. Vastaamme yleensä kahden arkipäivän kuluessa.</p>",
        "thank_you_text": "<p>Kiitos viestistäsi! Otamme sinuun yhteyttä pian.</p>",
        "legal_basis": LegalBasis.LEGITIMATE_INTEREST,
        "purpose": "Yhteydenottoon vastaaminen ja asiakassuhteen hoitaminen",
        "subject": "Uusi yhteydenotto verkkosivuilta",
        "fields": [
            _field("Nimi", "singleline", RegisterField.FULL_NAME),
            _field("Sähköposti", "email", RegisterField.EMAIL),
            _field(
                "Puhelin",
                "singleline",
                RegisterField.PHONE,
                required=False,
                help_text="Esimerkiksi 040 123 4567.",
            ),
            _field("Yritys tai organisaatio", "singleline", RegisterField.ORGANISATION_NAME, False),
            _field("Viesti", "multiline"),
        ],
    },
    {
        "slug": "ilmoittautuminen",
        "title": "Ilmoittautuminen: Yrittäjäaamu",
        "submit_label": "Lähetä",
        "introduction": "<p>Tervetuloa Yrittäjäaamuun! Ilmoittaudu alla olevalla lomakkeella.</p>",
        "thank_you_text": "<p>Kiitos ilmoittautumisestasi! Lähetämme tapahtuman tiedot "
        "sähköpostiisi ennen tapahtumaa.</p>",
        "legal_basis": LegalBasis.CONTRACT,
        "purpose": "Tapahtuman järjestäminen ja osallistujien yhteydenpito",
        "subject": "Uusi ilmoittautuminen: Yrittäjäaamu",
        "fields": [
            _field("Etunimi", "singleline", RegisterField.FIRST_NAME),
            _field("Sukunimi", "singleline", RegisterField.LAST_NAME),
            _field("Sähköposti", "email", RegisterField.EMAIL),
            _field("Organisaatio", "singleline", RegisterField.ORGANISATION_NAME, False),
            _field("Tehtävänimike", "singleline", RegisterField.POSITION, False),
            _field(
                "Osallistun",
                "radio",
                choices="Paikan päällä\nEtäyhteydellä",
            ),
            _field("Lisätietoja", "multiline", required=False),
        ],
    },
    {
        "slug": "yrityshakemistoon",
        "title": "Lisää yrityksesi yrityshakemistoon",
        "introduction": "<p>Pyydä yrityksesi lisäämistä Miksein yrityshakemistoon. "
        "Tarkistamme tiedot ennen julkaisua.</p>",
        "thank_you_text": "<p>Kiitos! Käsittelemme pyyntösi ja ilmoitamme, kun yrityksesi "
        "tiedot on julkaistu.</p>",
        "legal_basis": LegalBasis.CONSENT,
        "purpose": "Yrityksen tietojen julkaiseminen yrityshakemistossa",
        "consent_text": "Annan suostumukseni siihen, että Mikkelin kehitysyritys Miksei Oy "
        "käsittelee antamiani tietoja yrityksen hakemistoon lisäämiseksi ja julkaisee "
        "yrityksen tiedot yrityshakemistossa. Voin perua suostumukseni milloin tahansa.",
        "subject": "Yrityshakemistopyyntö",
        "fields": [
            _field("Yrityksen nimi", "singleline", RegisterField.ORGANISATION_NAME),
            _field(
                "Y-tunnus",
                "singleline",
                RegisterField.BUSINESS_ID,
                help_text="Muodossa 1234567-8.",
            ),
            _field("Yhteyshenkilö", "singleline", RegisterField.FULL_NAME),
            _field("Sähköposti", "email", RegisterField.EMAIL),
            _field("Puhelin", "singleline", RegisterField.PHONE, required=False),
            _field("Verkkosivut", "url", required=False),
            _field("Yrityksen kuvaus", "multiline"),
        ],
    },
]


def load(stdout):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    if not isinstance(home, HomePage):
        return
    for spec in FORMS:
        page = FormPage.objects.child_of(home).filter(slug=spec["slug"]).first()
        if page is None:
            spec = dict(spec)
            fields = spec.pop("fields")
            page = FormPage(to_address=NOTIFY, **spec)
            # Explicit order: modelcluster leaves sort_order empty, and the database
            # would then return the fields (and the export's columns) in any order.
            page.form_fields = [
                FormField(sort_order=position, **field) for position, field in enumerate(fields)
            ]
            home.add_child(instance=page)
            page.save_revision().publish()
            stdout.write(f"Form “{page.title}” published.")
        translate_form(page, stdout)


def translate_form(page, stdout):
    """The form's Swedish and English pages, once each, with the same fields."""
    originals = list(page.form_fields.order_by("sort_order", "pk"))
    for code, spec in FORM_TRANSLATIONS.get(page.slug, {}).items():
        spec = dict(spec)
        labels = spec.pop("labels")
        fields = []
        for original, (label, help_text, *choices) in zip(originals, labels, strict=True):
            fields.append(
                FormField(
                    label=label,
                    help_text=help_text,
                    choices=choices[0] if choices else original.choices,
                    field_type=original.field_type,
                    maps_to=original.maps_to,
                    required=original.required,
                    sort_order=original.sort_order,
                )
            )
        common = {"legal_basis": page.legal_basis, "to_address": page.to_address}
        translated, created = translate_page(page, code, form_fields=fields, **common, **spec)
        if created:
            stdout.write(f"Form “{translated.title}” translated ({code}).")
