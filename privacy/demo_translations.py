"""The Swedish and English versions of the demo privacy notice.

Faithful translations of the Finnish seed notice (`privacy.demo`), section by
section, keeping its legal meaning; the Finnish notice is the original. Each
version has its own drafting date: the day the translation was made.
"""

import datetime


def _text(heading, *paragraphs):
    return ("text_section", {"heading": heading, "body": "".join(paragraphs)})


SWEDISH = {
    "title": "Register- och dataskyddsbeskrivning",
    "slug": "dataskyddsbeskrivning",
    "drafted_on": datetime.date(2026, 11, 23),
    "introduction": (
        "<p>Detta är Mikkelin kehitysyritys Miksei Oy:s register- och dataskyddsbeskrivning "
        "enligt personuppgiftslagen (10 och 24 §) och EU:s allmänna dataskyddsförordning "
        "(GDPR).</p>"
    ),
    "link_card_text": "Hur vi behandlar personuppgifter i kund- och intressentregistret och "
    "hur du kan utöva dina rättigheter.",
    "sections": [
        ("controller", {"heading": "Personuppgiftsansvarig"}),
        ("contact_person", {"heading": "Kontaktperson för registret"}),
        _text("Registrets namn", "<p>Organisationens kund- och intressentregister.</p>"),
        _text(
            "Rättslig grund och ändamål med behandlingen av personuppgifter",
            "<p>Den rättsliga grunden för behandlingen av personuppgifter enligt EU:s "
            "allmänna dataskyddsförordning är</p>",
            "<ul><li>Personens samtycke</li>"
            "<li>Avtal där den registrerade är part</li>"
            "<li>Skötseln av kundarbetet inom kommuner, städer och utvecklingsbolag</li>"
            "<li>Den personuppgiftsansvariges berättigade intresse:</li></ul>",
            "<p>Den personuppgiftsansvariges berättigade intresse är att sköta kundrelationen "
            "och att tillhandahålla och producera tjänster som hör till organisationens "
            "verksamhet, inklusive att ordna evenemang. Personuppgifter behandlas endast i den "
            "utsträckning som behövs för att uppnå ovannämnda ändamål och på ett sätt som de "
            "registrerade rimligen kan förvänta sig när de lämnar uppgifterna.</p>",
            "<p>Uppgifter samlas i första hand in från företag, sammanslutningar och "
            "privatpersoner som omfattas av den personuppgiftsansvariges tjänster. Uppgifter "
            "samlas dessutom in från webbplatser och andra offentliga informationskällor.</p>",
            "<p>Ändamålet med behandlingen av personuppgifter är kontakt med kunder, "
            "upprätthållande av kundrelationen, marknadsföring o.d. Uppgifterna används inte "
            "för automatiserat beslutsfattande eller profilering.</p>",
        ),
        _text(
            "Registrets datainnehåll",
            "<p>Uppgifter som lagras i registret är: personens namn, ställning, "
            "företag/organisation, kontaktuppgifter (telefonnummer, e-postadress, adress), "
            "webbplatsadresser, nätverksanslutningens IP-adress, användarnamn/profiler i "
            "sociala medier, uppgifter om beställda tjänster och ändringar i dem, "
            "faktureringsuppgifter samt andra uppgifter som hänför sig till kundrelationen och "
            "de beställda tjänsterna.</p>",
            "<p>Uppgifterna raderas 10 år efter den senaste kundhändelsen.</p>",
        ),
        _text(
            "Regelmässiga uppgiftskällor",
            "<p>De uppgifter som lagras i registret fås av kunden bland annat genom "
            "meddelanden som skickats via webbformulär, per e-post, per telefon, via sociala "
            "medier, från avtal, kundmöten och andra situationer där kunden lämnar ut sina "
            "uppgifter.</p>",
            "<p>Dessutom kan personuppgifter för de ändamål som beskrivs i denna "
            "dataskyddsbeskrivning samlas in och uppdateras även från offentligt tillgängliga "
            "källor och på grundval av uppgifter som erhållits från myndigheter eller andra "
            "tredje parter, inom ramen för tillämplig lagstiftning. Sådan uppdatering av "
            "uppgifter görs manuellt eller automatiskt.</p>",
        ),
        _text(
            "Regelmässiga utlämnanden av uppgifter och överföring av uppgifter utanför EU "
            "eller EES",
            "<p>Uppgifter lämnas inte regelmässigt ut till andra parter. Företagsuppgifter kan "
            "publiceras i tjänster som organisationen tillhandahåller (till exempel en "
            "företagskatalog). En företagskund kan själv ändra sin synlighet i "
            "tjänsterna.</p>",
            "<p>Personuppgifter kan överföras till medarrangörer av evenemang och till "
            "finansiärer av offentligt finansierade projekt eller andra motsvarande företrädare "
            "för den offentliga förvaltningen endast i den utsträckning som behövs.</p>",
            "<p>Uppgifter lämnas i regel inte ut till länder utanför EU/EES. I enskilda fall kan "
            "kontaktuppgifter lämnas ut till samarbetspartner.</p>",
            "<p>Personuppgifter lämnas inte ut för marknadsföringsändamål.</p>",
        ),
        _text(
            "Principer för skyddet av registret",
            "<p>Registret behandlas med omsorg och uppgifter som behandlas i informationssystem "
            "skyddas på ett ändamålsenligt sätt. När registeruppgifterna förvaras på "
            "internetservrar sörjs på vederbörligt sätt för den fysiska och digitala "
            "informationssäkerheten hos deras maskinvara. Den personuppgiftsansvarige ser till "
            "att lagrade uppgifter samt åtkomsträttigheter till servrarna och andra uppgifter "
            "som är kritiska för personuppgifternas säkerhet behandlas konfidentiellt och "
            "endast av de anställda vars arbetsuppgifter omfattar detta.</p>",
        ),
        _text(
            "Rätt till insyn och rätt att kräva rättelse av uppgifter",
            "<p>Varje person som finns i registret har rätt att kontrollera sina uppgifter som "
            "lagrats i registret och att kräva att eventuella felaktiga uppgifter rättas eller "
            "att ofullständiga uppgifter kompletteras. Om en person vill kontrollera de "
            "uppgifter som lagrats om honom eller henne eller kräva rättelse av dem, ska "
            "begäran skickas skriftligen till den personuppgiftsansvarige. Den "
            "personuppgiftsansvarige kan vid behov be den som framställer begäran att styrka "
            "sin identitet. Den personuppgiftsansvarige svarar kunden inom den tid som "
            "föreskrivs i EU:s dataskyddsförordning (i regel inom en månad).</p>",
        ),
        _text(
            "Andra rättigheter som gäller behandlingen av personuppgifter",
            "<p>En person som finns i registret har rätt att begära att personuppgifter som "
            "gäller honom eller henne raderas ur registret (\u201drätten att bli "
            "bortglömd\u201d). De registrerade har likaså andra "
            '<a href="https://tietosuoja.fi/sv/">rättigheter enligt EU:s allmänna '
            "dataskyddsförordning</a>, såsom rätten till begränsning av behandlingen av "
            "personuppgifter i vissa situationer. Begäran ska skickas skriftligen till den "
            "personuppgiftsansvarige. Den personuppgiftsansvarige kan vid behov be den som "
            "framställer begäran att styrka sin identitet. Den personuppgiftsansvarige svarar "
            "kunden inom den tid som föreskrivs i EU:s dataskyddsförordning (i regel inom en "
            "månad).</p>",
        ),
    ],
}

ENGLISH = {
    "title": "Register and privacy notice",
    "slug": "privacy-notice",
    "drafted_on": datetime.date(2026, 11, 24),
    "introduction": (
        "<p>This is the register and privacy notice of Mikkelin kehitysyritys Miksei Oy under "
        "the Finnish Personal Data Act (sections 10 and 24) and the EU General Data "
        "Protection Regulation (GDPR).</p>"
    ),
    "link_card_text": "How we process personal data in the customer and stakeholder register "
    "and how you can exercise your rights.",
    "sections": [
        ("controller", {"heading": "Controller"}),
        ("contact_person", {"heading": "Contact person for the register"}),
        _text(
            "Name of the register", "<p>The organisation's customer and stakeholder register.</p>"
        ),
        _text(
            "Legal basis and purpose of processing personal data",
            "<p>Under the EU General Data Protection Regulation, the legal basis for "
            "processing personal data is</p>",
            "<ul><li>The person's consent</li>"
            "<li>A contract to which the data subject is a party</li>"
            "<li>Carrying out the customer work of municipalities, towns and development "
            "companies</li>"
            "<li>The controller's legitimate interest:</li></ul>",
            "<p>The controller's legitimate interest is managing the customer relationship and "
            "offering and producing services related to the organisation's activities, "
            "including organising events. Personal data are processed only to the extent "
            "necessary to achieve the above purposes and in a way that data subjects can "
            "reasonably expect when they provide the data.</p>",
            "<p>Data are collected primarily from companies, organisations and private "
            "individuals within the scope of the controller's services. Data are also "
            "collected from websites and other public sources.</p>",
            "<p>The purpose of processing personal data is keeping in touch with customers, "
            "maintaining the customer relationship, marketing and the like. The data are not "
            "used for automated decision-making or profiling.</p>",
        ),
        _text(
            "Data content of the register",
            "<p>The data stored in the register are: the person's name, position, "
            "company/organisation, contact details (phone number, email address, address), "
            "website addresses, the IP address of the network connection, user "
            "names/profiles in social media services, information on ordered services and "
            "changes to them, billing details, and other information related to the customer "
            "relationship and the ordered services.</p>",
            "<p>The data are deleted 10 years after the last customer event.</p>",
        ),
        _text(
            "Regular sources of data",
            "<p>The data stored in the register are obtained from the customer through, among "
            "other things, messages sent with web forms, by email, by phone, through social "
            "media services, from contracts, customer meetings and other situations in which "
            "the customer discloses their data.</p>",
            "<p>In addition, personal data may be collected and updated for the purposes "
            "described in this privacy notice from publicly available sources and on the "
            "basis of data received from authorities or other third parties, within the "
            "limits of applicable law. Such updating of data is carried out manually or by "
            "automated means.</p>",
        ),
        _text(
            "Regular disclosures of data and transfers of data outside the EU or EEA",
            "<p>Data are not regularly disclosed to other parties. Company information may be "
            "published in services offered by the organisation (for example a company "
            "directory). A business customer can edit its own visibility in the "
            "services.</p>",
            "<p>Personal data may be transferred to co-organisers of events and to funders of "
            "publicly funded projects or other similar representatives of public "
            "administration only to the extent necessary.</p>",
            "<p>As a rule, data are not disclosed outside the EU/EEA countries. In individual "
            "cases, contact details may be disclosed to partners.</p>",
            "<p>Personal data are not disclosed for marketing purposes.</p>",
        ),
        _text(
            "Principles of protecting the register",
            "<p>The register is handled with care, and data processed with information systems "
            "are appropriately protected. When register data are stored on Internet servers, "
            "the physical and digital security of their hardware is properly ensured. The "
            "controller ensures that stored data, server access rights and other information "
            "critical to the security of personal data are handled confidentially and only by "
            "those employees whose duties include it.</p>",
        ),
        _text(
            "Right of access and right to demand rectification",
            "<p>Every person in the register has the right to check their data stored in the "
            "register and to demand that any incorrect data be rectified or incomplete data "
            "be completed. If a person wishes to check the data stored about them or to "
            "demand their rectification, the request must be sent to the controller in "
            "writing. The controller may, where necessary, ask the person making the request "
            "to prove their identity. The controller will reply to the customer within the "
            "time laid down in the EU General Data Protection Regulation (as a rule within "
            "one month).</p>",
        ),
        _text(
            "Other rights related to the processing of personal data",
            "<p>A person in the register has the right to request the erasure of their "
            "personal data from the register (\u201cright to be forgotten\u201d). Data "
            "subjects also have the other "
            '<a href="https://tietosuoja.fi/en/">rights under the EU General Data Protection '
            "Regulation</a>, such as the restriction of the processing of personal data in "
            "certain situations. The request must be sent to the controller in writing. The "
            "controller may, where necessary, ask the person making the request to prove "
            "their identity. The controller will reply to the customer within the time laid "
            "down in the EU General Data Protection Regulation (as a rule within one "
            "month).</p>",
        ),
    ],
}

TRANSLATIONS = {"sv": SWEDISH, "en": ENGLISH}
