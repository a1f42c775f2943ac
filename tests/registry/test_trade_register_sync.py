"""Refreshing the register from the Trade Register (a local server with recorded answers)."""

import copy
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from wagtail.models import ModelLogEntry

from directory.models import Listing
from intake.changes import decide
from intake.models import ProposedChange
from registry.models import (
    DataSource,
    FieldSource,
    IndustryClassification,
    Organisation,
    TradeRegisterState,
    WebLinkKind,
)
from registry.trade_register.refresh import refresh_all

from ..directory.factories import ListingFactory
from .factories import OrganisationFactory, UserFactory
from .prh_server import recorded, zipped_companies

pytestmark = pytest.mark.django_db


def organisation_factory(**kwargs):
    # The register's factory types in an industry name; these start without one.
    kwargs.setdefault("industry", "")
    return OrganisationFactory(**kwargs)


def refresh(*business_ids):
    out = io.StringIO()
    call_command("refresh_from_prh", *business_ids, stdout=out)
    return out.getvalue()


def test_a_first_refresh_fills_blank_fields_and_records_their_source(prh):
    prh.add(recorded("active"))
    organisation = organisation_factory(
        name="Saimaan Ohjelmistotalo Oy", business_id="2345678-0", industry_code="", industry=""
    )
    output = refresh("2345678-0")
    assert "1 checked, 1 updated" in output
    organisation.refresh_from_db()
    assert (organisation.street_address, organisation.postcode, organisation.city) == (
        "PL 123",
        "50101",
        "Mikkeli",
    )
    assert organisation.industry_code == "62100"
    assert organisation.industry_classification == IndustryClassification.TOL_2025
    assert organisation.industry == "Ohjelmistojen suunnittelu ja valmistus"
    assert organisation.web_links.get(kind=WebLinkKind.WEBSITE).url == (
        "https://www.saimaanohjelmisto.fi"
    )
    # Every field the register gave, the name too, has its source and date.
    sources = {source.field: source for source in organisation.field_sources.all()}
    assert set(sources) == {
        "name",
        "street_address",
        "postcode",
        "city",
        "industry_code",
        "industry",
        "website",
    }
    assert {source.source for source in sources.values()} == {DataSource.PUBLIC_SOURCE}
    assert organisation.trade_register.state == TradeRegisterState.ACTIVE
    assert organisation.trade_register.company_form == "Osakeyhtiö"
    entry = ModelLogEntry.objects.get(action="registry.trade_register.refresh")
    assert entry.data["business_id"] == "2345678-0"
    assert "street_address" in entry.data["fields"]


def test_a_name_change_in_the_register_is_taken_when_staff_left_the_name_alone(prh):
    old = recorded("renamed")
    old["names"] = [name for name in old["names"] if name.get("endDate")]
    old["names"][0].pop("endDate")
    prh.add(old)
    organisation = organisation_factory(name="", business_id="1572860-0")
    refresh("1572860-0")
    organisation.refresh_from_db()
    assert organisation.name == "Mikkelin Puutyö Oy"

    prh.add(recorded("renamed"))
    refresh("1572860-0")
    organisation.refresh_from_db()
    assert organisation.name == "Savon Puutyö Oy"
    assert organisation.field_sources.get(field="name").value == "Savon Puutyö Oy"
    assert not ProposedChange.objects.exists()


def test_a_field_staff_changed_since_the_last_refresh_becomes_a_proposed_change(prh):
    prh.add(recorded("renamed"))
    organisation = organisation_factory(name="", business_id="1572860-0", street_address="")
    refresh("1572860-0")
    # Staff correct the street address by hand; the register then renames the company.
    Organisation.objects.filter(pk=organisation.pk).update(
        street_address="Teollisuuskatu 4 B", name="SAVON PUUTYÖ OY"
    )
    changed = copy.deepcopy(recorded("renamed"))
    changed["addresses"][0]["buildingNumber"] = "6"
    prh.add(changed)
    output = refresh("1572860-0")
    assert "1 with proposed changes" in output
    organisation.refresh_from_db()
    assert organisation.street_address == "Teollisuuskatu 4 B"
    assert organisation.name == "SAVON PUUTYÖ OY"  # the same name, told apart by case only
    change = ProposedChange.objects.get()
    assert (change.organisation, change.field) == (organisation, "street_address")
    assert (change.current_value, change.proposed_value) == (
        "Teollisuuskatu 4 B",
        "Teollisuuskatu 6",
    )
    assert change.contact is None

    # The next refresh does not propose it again; accepting writes it and its source.
    refresh("1572860-0")
    assert ProposedChange.objects.count() == 1
    decide(change.pk, UserFactory(is_superuser=True), accept=True)
    organisation.refresh_from_db()
    assert organisation.street_address == "Teollisuuskatu 6"
    assert organisation.field_sources.get(field="street_address").value == "Teollisuuskatu 6"
    assert ModelLogEntry.objects.filter(action="intake.proposed_change.accept").exists()


def test_a_value_staff_typed_before_any_refresh_is_never_overwritten(prh):
    prh.add(recorded("active"))
    organisation = organisation_factory(
        name="Saimaan Ohjelmisto", business_id="2345678-0", city="Mikkeli", postcode="50100"
    )
    refresh("2345678-0")
    organisation.refresh_from_db()
    assert organisation.name == "Saimaan Ohjelmisto"
    assert organisation.postcode == "50100"
    assert set(ProposedChange.objects.values_list("field", flat=True)) == {"name", "postcode"}
    assert organisation.street_address == "PL 123"  # it was blank
    # The city agrees with the register: it is the register's from now on.
    assert organisation.field_sources.filter(field="city").exists()


def test_a_rejected_value_is_not_proposed_again(prh):
    prh.add(recorded("active"))
    organisation_factory(name="Saimaan Ohjelmisto", business_id="2345678-0")
    refresh("2345678-0")
    change = ProposedChange.objects.get(field="name")
    decide(change.pk, UserFactory(is_superuser=True), accept=False)
    refresh("2345678-0")
    assert ProposedChange.objects.filter(field="name").count() == 1


@pytest.mark.parametrize(
    "name, business_id, state",
    [
        ("ceased", "2637154-7", TradeRegisterState.CEASED),
        ("bankrupt", "3012345-8", TradeRegisterState.BANKRUPT),
    ],
)
def test_an_ended_company_is_flagged_its_listing_hidden_and_staff_told(
    prh, name, business_id, state
):
    prh.add(recorded(name))
    moderator = UserFactory(is_superuser=True, email="moderaattori@example.fi")
    listing = ListingFactory(organisation__business_id=business_id, status=Listing.Status.PUBLIC)
    output = refresh(business_id)
    assert f"organisation #{listing.organisation_id}: now {state}" in output
    listing.refresh_from_db()
    assert listing.status == Listing.Status.HIDDEN
    assert listing.organisation.trade_register.state == state
    assert ModelLogEntry.objects.filter(
        action="directory.listing.hidden_by_trade_register", object_id=str(listing.pk)
    ).exists()
    assert [message.to for message in mail.outbox] == [[moderator.email]]
    assert listing.name in mail.outbox[0].subject
    assert business_id in mail.outbox[0].body

    # Told once: a second refresh of the same state sends nothing.
    refresh(business_id)
    assert len(mail.outbox) == 1


def test_a_malformed_answer_leaves_the_organisation_as_it_was(prh):
    organisation = organisation_factory(name="Ennallaan Oy", business_id="2345678-0", city="")
    prh.fail_next("malformed")
    output = refresh("2345678-0")
    assert "2345678-0: unreadable answer" in output
    organisation.refresh_from_db()
    assert (organisation.name, organisation.city) == ("Ennallaan Oy", "")
    assert not FieldSource.objects.exists()


def test_a_register_that_stops_answering_stops_the_run_with_an_error(prh):
    prh.add(recorded("active"), recorded("renamed"))
    organisation_factory(name="", business_id="1572860-0")
    organisation_factory(name="", business_id="2345678-0")
    # The first company answers; the second never does.
    prh.fail_next(*([503] * 10))
    with pytest.raises(CommandError, match="stopped answering"):
        refresh("1572860-0", "2345678-0")
    assert not FieldSource.objects.exists()


def test_missing_fields_never_blank_what_the_register_holds(prh):
    prh.add(recorded("minimal"))
    organisation = organisation_factory(
        name="", business_id="2109876-4", city="Mikkeli", street_address="Katu 1"
    )
    refresh("2109876-4")
    organisation.refresh_from_db()
    assert organisation.name == "Vähätietoinen Osuuskunta"
    assert (organisation.city, organisation.street_address) == ("Mikkeli", "Katu 1")
    assert not ProposedChange.objects.exists()


def test_refresh_all_reads_the_bulk_file_and_asks_for_the_rest_one_by_one(prh, settings):
    settings.PRH_BULK_FROM = 2
    prh.all_companies = zipped_companies(
        [recorded("active"), recorded("renamed"), recorded("ceased")]
    )
    prh.add(recorded("swedish_post_office"))
    for business_id in ("2345678-0", "1572860-0", "0201256-6", "1234567-1"):
        organisation_factory(name="", business_id=business_id)
    organisation_factory(name="Ilman tunnusta ry", business_id="")
    output = io.StringIO()
    call_command("refresh_from_prh", "--all", stdout=output)
    assert "3 checked" in output.getvalue()
    assert "1234567-1: not in the Trade Register" in output.getvalue()
    paths = [path.rsplit("/", 1)[1] for _t, path in prh.log]
    assert paths == ["all_companies", "companies", "companies"]
    names = set(Organisation.objects.values_list("name", flat=True))
    assert {"Saimaan Ohjelmistotalo Oy", "Savon Puutyö Oy", "Kustens Båtvarv Ab"} <= names


def test_a_broken_bulk_file_applies_nothing(prh, settings):
    settings.PRH_BULK_FROM = 1
    prh.all_companies = zipped_companies([recorded("active")])[:-40]
    organisation_factory(name="", business_id="2345678-0")
    with pytest.raises(Exception, match="all_companies is not a readable file"):
        refresh_all()
    assert Organisation.objects.get(business_id="2345678-0").name == ""


def test_the_command_refuses_unknown_business_ids(prh):
    with pytest.raises(CommandError, match="1234567-1"):
        refresh("1234567-1")
    with pytest.raises(CommandError, match="--all"):
        refresh()


def test_the_periodic_task_refreshes_every_organisation_with_a_business_id(prh):
    from registry.tasks import refresh_from_prh

    prh.add(recorded("active"), recorded("renamed"))
    organisation_factory(name="", business_id="2345678-0")
    organisation_factory(name="", business_id="1572860-0")
    result = refresh_from_prh.enqueue()
    assert result.return_value["checked"] == 2
    assert result.return_value["stopped"] == ""
    assert set(Organisation.objects.values_list("name", flat=True)) == {
        "Saimaan Ohjelmistotalo Oy",
        "Savon Puutyö Oy",
    }
