import pytest

from .factories import OrganisationFactory, person, privacy_officer


@pytest.fixture
def seeded(demo_site):
    """Two people in the register with everything that can hang off a contact."""
    organisation = OrganisationFactory(name="Saimaan Puu Oy")
    maija = person(
        "Maija", "Meikäläinen", "maija.meikalainen@example.fi", "+358401234567", organisation
    )
    matti = person("Matti", "Virtanen", "matti.virtanen@example.fi", "+358409876543", organisation)
    return {"organisation": organisation, "maija": maija, "matti": matti}


@pytest.fixture
def officer(db):
    return privacy_officer()
