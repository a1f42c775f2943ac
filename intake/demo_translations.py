"""The demo forms in Swedish and English: the same fields, mapped to the same register
fields, with labels, texts and the processing note in the visitor's language."""

# {Finnish slug: {language: page fields and the labels of its form fields, in order}}
FORM_TRANSLATIONS = {
    "ota-yhteytta": {
        "sv": {
            "slug": "kontakta-oss",
            "title": "Kontakta oss",
            "introduction": "<p>Fråga oss om att grunda, utveckla eller internationalisera "
            "ditt företag. Vi svarar oftast inom två arbetsdagar.</p>",
            "thank_you_text": "<p>Tack för ditt meddelande! Vi kontaktar dig snart.</p>",
            "purpose": "Att svara på kontakter och sköta kundrelationen",
            "subject": "Ny kontakt från webbplatsen",
            "submit_label": "Skicka",
            "labels": [
                ("Namn", ""),
                ("E-post", ""),
                ("Telefon", "Till exempel 040 123 4567."),
                ("Företag eller organisation", ""),
                ("Meddelande", ""),
            ],
        },
        "en": {
            "slug": "contact-us",
            "title": "Contact us",
            "introduction": "<p>Ask us about starting, growing or internationalising your "
            "business. We usually answer within two working days.</p>",
            "thank_you_text": "<p>Thank you for your message! We will be in touch soon.</p>",
            "purpose": "Answering enquiries and managing the customer relationship",
            "subject": "New enquiry from the website",
            "submit_label": "Send",
            "labels": [
                ("Name", ""),
                ("Email", ""),
                ("Phone", "For example 040 123 4567."),
                ("Company or organisation", ""),
                ("Message", ""),
            ],
        },
    },
    "ilmoittautuminen": {
        "sv": {
            "slug": "anmalan",
            "title": "Anmälan: Företagarmorgon",
            "introduction": "<p>Välkommen till Företagarmorgonen! Anmäl dig med formuläret "
            "nedan.</p>",
            "thank_you_text": "<p>Tack för din anmälan! Vi skickar information om evenemanget "
            "till din e-post före evenemanget.</p>",
            "purpose": "Att ordna evenemanget och hålla kontakt med deltagarna",
            "subject": "Ny anmälan: Företagarmorgon",
            "submit_label": "Skicka",
            "labels": [
                ("Förnamn", ""),
                ("Efternamn", ""),
                ("E-post", ""),
                ("Organisation", ""),
                ("Befattning", ""),
                ("Jag deltar", "", "På plats\nPå distans"),
                ("Mer information", ""),
            ],
        },
        "en": {
            "slug": "registration",
            "title": "Registration: Entrepreneurs' Breakfast",
            "introduction": "<p>Welcome to the Entrepreneurs' Breakfast! Register with the "
            "form below.</p>",
            "thank_you_text": "<p>Thank you for registering! We will email you the details "
            "before the event.</p>",
            "purpose": "Organising the event and keeping in touch with the participants",
            "subject": "New registration: Entrepreneurs' Breakfast",
            "submit_label": "Send",
            "labels": [
                ("First name", ""),
                ("Last name", ""),
                ("Email", ""),
                ("Organisation", ""),
                ("Job title", ""),
                ("I will attend", "", "On site\nOnline"),
                ("Further information", ""),
            ],
        },
    },
    "yrityshakemistoon": {
        "sv": {
            "slug": "till-foretagsregistret",
            "title": "Lägg till ditt företag i företagsregistret",
            "introduction": "<p>Be om att ditt företag läggs till i Mikseis företagsregister. "
            "Vi kontrollerar uppgifterna före publiceringen.</p>",
            "thank_you_text": "<p>Tack! Vi behandlar din begäran och meddelar dig när "
            "företagets uppgifter har publicerats.</p>",
            "purpose": "Att publicera företagets uppgifter i företagsregistret",
            "consent_text": "Jag samtycker till att Mikkelin kehitysyritys Miksei Oy behandlar "
            "de uppgifter jag lämnat för att lägga till företaget i registret och publicerar "
            "företagets uppgifter i företagsregistret. Jag kan när som helst återkalla mitt "
            "samtycke.",
            "subject": "Begäran till företagsregistret",
            "submit_label": "Skicka",
            "labels": [
                ("Företagets namn", ""),
                ("FO-nummer", "I formatet 1234567-8."),
                ("Kontaktperson", ""),
                ("E-post", ""),
                ("Telefon", ""),
                ("Webbplats", ""),
                ("Beskrivning av företaget", ""),
            ],
        },
        "en": {
            "slug": "add-your-company",
            "title": "Add your company to the company directory",
            "introduction": "<p>Ask for your company to be added to Miksei's company "
            "directory. We check the details before they are published.</p>",
            "thank_you_text": "<p>Thank you! We will process your request and let you know "
            "when your company's details have been published.</p>",
            "purpose": "Publishing the company's details in the company directory",
            "consent_text": "I consent to Mikkelin kehitysyritys Miksei Oy processing the "
            "details I have given in order to add the company to the directory and publishing "
            "the company's details in the company directory. I can withdraw my consent at "
            "any time.",
            "subject": "Company directory request",
            "submit_label": "Send",
            "labels": [
                ("Company name", ""),
                ("Business ID", "In the form 1234567-8."),
                ("Contact person", ""),
                ("Email", ""),
                ("Phone", ""),
                ("Website", ""),
                ("Description of the company", ""),
            ],
        },
    },
}
