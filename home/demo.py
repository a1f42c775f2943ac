"""Demo content of the site itself: the organisation and the home page."""

from wagtail.models import Site

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


def load(stdout):
    site = Site.objects.get(is_default_site=True)
    organisation = OrganisationSettings.for_site(site)
    if not organisation.controller_name:
        for field, value in ORGANISATION.items():
            setattr(organisation, field, value)
        organisation.full_clean()
        organisation.save()
        stdout.write("Organisation settings filled in.")

    home = site.root_page.specific
    if isinstance(home, HomePage) and not home.introduction:
        home.title = "Miksei – Mikkelin kehitysyritys"
        home.introduction = INTRODUCTION
        home.save_revision().publish()
        stdout.write("Home page written.")
