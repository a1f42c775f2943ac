"""The demo front page in Finnish, Swedish and English, as StreamField blocks.

Each entry takes the directory page and a function giving a form page by its Finnish
slug, both in the entry's language, and returns the body in raw StreamField form.
"""

CONTACT_FORM, REGISTRATION, DIRECTORY_REQUEST = (
    "ota-yhteytta",
    "ilmoittautuminen",
    "yrityshakemistoon",
)
PHONE = "+358440361615"
EMAIL = "info@mikseimikkeli.fi"


def _body(texts, directory, form):
    offers, search, forms, newest, contact = texts
    pages = [
        {"page": form(slug).pk, "title": "", "text": text}
        for slug, text in zip(
            (CONTACT_FORM, REGISTRATION, DIRECTORY_REQUEST), forms[1], strict=True
        )
        if form(slug) is not None
    ]
    body = [
        {
            "type": "offers",
            "value": {
                "heading": offers[0],
                "offers": [
                    {"title": title, "text": text, "page": None} for title, text in offers[1]
                ],
            },
        },
    ]
    if directory is not None:
        body.append(
            {
                "type": "directory_search",
                "value": {
                    "heading": search[0],
                    "text": search[1],
                    "directory": directory.pk,
                },
            }
        )
    body.append({"type": "featured_pages", "value": {"heading": forms[0], "pages": pages}})
    if directory is not None:
        body.append(
            {
                "type": "newest_companies",
                "value": {
                    "heading": newest,
                    "directory": directory.pk,
                    "count": 4,
                },
            }
        )
    body.append(
        {
            "type": "contact",
            "value": {
                "heading": contact[0],
                "text": contact[1],
                "phone": PHONE,
                "email": EMAIL,
                "page": form(CONTACT_FORM).pk if form(CONTACT_FORM) else None,
            },
        }
    )
    return body


FINNISH = (
    (
        "Mitä teemme",
        [
            (
                "Yrityksen perustaminen",
                "Liikeidea, yritysmuoto ja rahoitus kuntoon maksuttomassa neuvonnassa.",
            ),
            (
                "Kasvu ja kehittäminen",
                "Sparrausta, kehittämishankkeita ja rahoituskanavia kasvuun.",
            ),
            (
                "Kansainvälistyminen",
                "Vientiin ja uusille markkinoille yhdessä kumppaniverkoston kanssa.",
            ),
            (
                "Yritystilat ja sijoittuminen",
                "Apua toimitilan etsimiseen ja Mikkelin seudulle sijoittumiseen.",
            ),
        ],
    ),
    ("Etsi yritys", "Hae Mikkelin seudun yrityksiä nimen, palvelun tai paikkakunnan mukaan."),
    (
        "Lomakkeet",
        [
            "Kysy meiltä mitä tahansa yritystoiminnasta.",
            "Ilmoittaudu seuraavaan Yrittäjäaamuun.",
            "Pyydä yrityksesi lisäämistä yrityshakemistoon.",
        ],
    ),
    "Uusimmat yritykset",
    ("Yhteystiedot", "Palvelemme arkisin klo 8–16."),
)
SWEDISH = (
    (
        "Vad vi gör",
        [
            (
                "Att grunda ett företag",
                "Affärsidé, företagsform och finansiering i skick med kostnadsfri rådgivning.",
            ),
            (
                "Tillväxt och utveckling",
                "Sparring, utvecklingsprojekt och finansieringskanaler för tillväxt.",
            ),
            (
                "Internationalisering",
                "Till export och nya marknader tillsammans med vårt partnernätverk.",
            ),
            (
                "Lokaler och etablering",
                "Hjälp att hitta lokaler och etablera sig i S:t Michelsregionen.",
            ),
        ],
    ),
    ("Hitta ett företag", "Sök företag i S:t Michelsregionen efter namn, tjänst eller ort."),
    (
        "Formulär",
        [
            "Fråga oss vad som helst om företagande.",
            "Anmäl dig till nästa Företagarmorgon.",
            "Be om att ditt företag läggs till i företagsregistret.",
        ],
    ),
    "Nyaste företagen",
    ("Kontaktuppgifter", "Vi betjänar vardagar kl. 8–16."),
)
ENGLISH = (
    (
        "What we do",
        [
            (
                "Starting a business",
                "Business idea, company form and funding sorted out with free advice.",
            ),
            (
                "Growth and development",
                "Sparring, development projects and funding channels for growth.",
            ),
            (
                "Going international",
                "Into export and new markets together with our partner network.",
            ),
            (
                "Premises and locating",
                "Help with finding premises and locating in the Mikkeli region.",
            ),
        ],
    ),
    ("Find a company", "Search the businesses of the Mikkeli region by name, service or place."),
    (
        "Forms",
        [
            "Ask us anything about running a business.",
            "Register for the next Entrepreneurs' Breakfast.",
            "Ask for your company to be added to the company directory.",
        ],
    ),
    "Newest companies",
    ("Contact details", "We serve on weekdays 8 am to 4 pm."),
)

FRONT_PAGE = {
    code: (lambda directory, form, texts=texts: _body(texts, directory, form))
    for code, texts in (("fi", FINNISH), ("sv", SWEDISH), ("en", ENGLISH))
}
