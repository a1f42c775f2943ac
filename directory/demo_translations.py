"""The directory's demo content in Swedish and English: the index page, the services'
names and each company's description (by business ID digits)."""

INDEX_TRANSLATIONS = {
    "sv": {
        "title": "Företagsregister",
        "slug": "foretagsregister",
        "introduction": "Företag i S:t Michelsregionen och deras tjänster. Varje företag "
        "bestämmer själv vilka av dess uppgifter som visas.",
    },
    "en": {
        "title": "Company directory",
        "slug": "company-directory",
        "introduction": "Businesses of the Mikkeli region and their services. Each company "
        "decides for itself which of its details are shown.",
    },
}

# Finnish name: (Swedish, English)
SERVICE_NAMES = {
    "Kirjanpito": ("Bokföring", "Bookkeeping"),
    "Tilintarkastus": ("Revision", "Auditing"),
    "Ohjelmistokehitys": ("Programvaruutveckling", "Software development"),
    "Verkkosivut": ("Webbplatser", "Websites"),
    "Rakennuttaminen": ("Byggherretjänster", "Construction management"),
    "Remontointi": ("Renovering", "Renovation"),
    "Puusepäntyöt": ("Snickeriarbeten", "Joinery"),
    "Catering": ("Catering", "Catering"),
    "Majoitus": ("Inkvartering", "Accommodation"),
    "Kuljetus": ("Transport", "Transport"),
    "Markkinointi": ("Marknadsföring", "Marketing"),
    "Siivous": ("Städning", "Cleaning"),
}

# Business ID digits: (Swedish description, English description)
DESCRIPTIONS = {
    "2901001": (
        "Måttbeställda möbler, trappor och fönster av inhemskt trä.",
        "Made-to-measure furniture, stairs and windows of Finnish wood.",
    ),
    "2901002": (
        "Bokföring, löneräkning och skatterådgivning för små och medelstora företag.",
        "Bookkeeping, payroll and tax advice for small and medium-sized businesses.",
    ),
    "2901003": (
        "Webbtjänster och mobilappar, underhåll och molntjänster.",
        "Web services and mobile apps, maintenance and cloud services.",
    ),
    "2901004": (
        "Egnahemshus, badrumsrenoveringar och fasader i Södra Savolax.",
        "Detached houses, bathroom renovations and facades in South Savo.",
    ),
    "2901005": (
        "Hotell och restaurang vid sjöstranden; fester och möten.",
        "Hotel and restaurant on the lakeshore; parties and meetings.",
    ),
    "2901006": (
        "Styckegods- och flyttransporter i hela Finland.",
        "General cargo and removals all over Finland.",
    ),
    # 2901007 has no translations: its visitors read the Finnish text, marked as Finnish.
    "2901008": (
        "Varumärken, kampanjer och marknadsföring i sociala medier.",
        "Brands, campaigns and social media marketing.",
    ),
    "2901009": (
        "Stockhus och bastur nyckelfärdiga.",
        "Log houses and saunas, turnkey.",
    ),
    "2901010": (
        "Catering för bröllop, minnesstunder och företagsfester.",
        "Catering for weddings, memorial services and company parties.",
    ),
    "2901011": (
        "GR-revision för föreningar och aktiebolag.",
        "Audits by an authorised auditor for associations and limited companies.",
    ),
    "2901012": (
        "Integrationer av informationssystem och konsultering.",
        "Information system integrations and consulting.",
    ),
}
