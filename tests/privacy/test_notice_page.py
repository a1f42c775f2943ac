import datetime
import re
from pathlib import Path

from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "privacy-notice-fi.txt"
NUMBERED_HEADING = re.compile(r"^(\d+)\. (.+)$")


def seed_sections():
    """The seed notice as [(heading, [text line, ...]), ...], in order."""
    sections = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        match = NUMBERED_HEADING.match(line)
        if match:
            sections.append((match.group(2), []))
        elif line and sections:
            sections[-1][1].append(line)
    return sections


def normalise(text):
    """Text as a reader sees it: list dashes, link markup and spacing set aside."""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # [label](url) -> label
    text = text.replace('"', "\u201d")
    text = re.sub(r"(^|\s)- ?(?=\w)", r"\1", text)  # "- Sopimus", "on -Henkilön"
    return re.sub(r"\s+([,.:;)])", r"\1", " ".join(text.split()))


def page_text(response):
    return normalise(BeautifulSoup(response.content, "html.parser").get_text(" "))


def test_seed_has_the_ten_sections_the_test_relies_on():
    assert len(seed_sections()) == 10


def test_every_seed_section_appears_on_the_notice_in_order(client, notice):
    response = client.get(notice.url)
    assert response.status_code == 200
    text = page_text(response)

    position = 0
    for number, (heading, lines) in enumerate(seed_sections(), start=1):
        heading_at = text.find(f"{number}. {heading}", position)
        assert heading_at >= 0, f"section {number} '{heading}' missing or out of order"
        position = heading_at
        for line in lines:
            # The controller's and contact's details are rendered from settings,
            # the contact line as "name, phone, email".
            for sentence in re.split(r"(?<=[.:])\s+", normalise(line)):
                found = text.find(sentence, position)
                assert found >= 0, f"section {number}: '{sentence}' missing or out of order"
                position = found


def test_the_notice_states_retention_and_the_rights(client, notice):
    text = page_text(client.get(notice.url))
    assert "Tiedot poistetaan 10 vuoden kuluttua viimeisestä asiakastapahtumasta." in text
    assert "oikeus tulla unohdetuksi" in text
    assert "käsittelyn rajoittaminen" in text
    assert "Henkilötietoja ei luovuteta markkinointitarkoituksiin." in text


def test_contents_list_links_to_every_section(client, notice):
    soup = BeautifulSoup(client.get(notice.url).content, "html.parser")
    toc_links = [a["href"] for a in soup.select("nav.notice-toc a")]
    section_ids = [f"#{section['id']}" for section in soup.select("section.notice-section")]
    assert len(toc_links) == 10
    assert toc_links == section_ids


def test_changing_the_organisation_address_changes_the_notice(client, notice, organisation):
    organisation.street_address = "Hallituskatu 3"
    organisation.postcode = "50100"
    organisation.save()

    soup = BeautifulSoup(client.get(notice.url).content, "html.parser")
    controller = soup.select_one("section.notice-section address").get_text(" ")
    assert "Hallituskatu 3" in controller
    assert "Maaherrankatu" not in soup.get_text()


def test_changing_the_contact_person_changes_the_notice(client, notice, organisation):
    organisation.privacy_contact_name = "Tietosuojavastaava"
    organisation.privacy_contact_email = "tietosuoja@example.fi"
    organisation.save()

    text = client.get(notice.url).content.decode()
    assert "Tietosuojavastaava" in text
    assert "mailto:tietosuoja@example.fi" in text


def test_drafted_date_is_shown_as_entered(client, notice):
    text = page_text(client.get(notice.url))
    assert "Laadittu 21.5.2018." in text


def test_last_changed_follows_a_new_publish(client, notice):
    long_ago = timezone.make_aware(datetime.datetime(2019, 3, 4, 12, 0))
    type(notice).objects.filter(pk=notice.pk).update(last_published_at=long_ago)
    assert "Viimeisin muutos 4.3.2019." in page_text(client.get(notice.url))

    notice.refresh_from_db()
    notice.introduction = "<p>Päivitetty johdanto.</p>"
    notice.save_revision().publish()

    today = timezone.localdate()
    text = page_text(client.get(notice.url))
    assert f"Viimeisin muutos {today.day}.{today.month}.{today.year}." in text
    assert "Päivitetty johdanto." in text


def test_earlier_published_versions_stay_reachable_to_staff(client, notice, admin_user):
    first_revision = notice.latest_revision
    notice.introduction = "<p>Uusi versio.</p>"
    notice.save_revision().publish()

    client.force_login(admin_user)
    history = client.get(reverse("wagtailadmin_pages:history", args=[notice.pk]))
    assert history.status_code == 200

    old = client.get(
        reverse("wagtailadmin_pages:revisions_view", args=[notice.pk, first_revision.pk])
    )
    assert old.status_code == 200
    assert "Tämä on Mikkelin kehitysyritys Miksei Oy:n" in old.content.decode()


def test_visitors_cannot_see_earlier_versions(client, notice):
    url = reverse("wagtailadmin_pages:revisions_view", args=[notice.pk, notice.latest_revision.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_notice_page_issues_a_bounded_number_of_queries(
    client, notice, django_assert_max_num_queries
):
    client.get(notice.url)  # warm Wagtail's per-process caches
    with django_assert_max_num_queries(12):
        assert client.get(notice.url).status_code == 200


def test_notice_has_a_print_layout(client, notice):
    response = client.get(notice.url)
    assert b"data-print" in response.content
    css = Path(__file__).resolve().parents[2] / "static_src" / "css" / "site.css"
    assert "@media print" in css.read_text()
