"""The Trade Register client against a local server serving recorded v3 answers."""

import datetime

import pytest

from registry.models import TradeRegisterState
from registry.trade_register.client import TradeRegisterClient, Unavailable
from registry.trade_register.records import MalformedResponse, TradeRegisterError

from .prh_server import recorded


def test_a_company_is_parsed_into_a_typed_record(prh):
    prh.add(recorded("active"))
    record = TradeRegisterClient().company("2345678-0")
    assert record.name == "Saimaan Ohjelmistotalo Oy"
    assert record.industry_code == "62100"
    assert record.industry_code_set == "TOIMI4"
    assert record.industry_name("sv") == "Dataprogrammering"
    assert record.industry_name("en") == "Computer programming activities"
    assert record.website == "https://www.saimaanohjelmisto.fi"
    assert record.company_form == "Osakeyhtiö"
    # The postal address wins over the visiting one; post offices come in town case.
    assert (record.address.street, record.address.postcode) == ("PL 123", "50101")
    assert record.address.city == "Mikkeli"
    visiting = next(address for address in record.addresses if address.kind == 1)
    assert visiting.street == "Porrassalmenkatu 19 A 5"
    assert record.registration_date == datetime.date(2011, 3, 1)
    assert record.last_modified == datetime.datetime(2026, 11, 20, 8, 14, 2, tzinfo=datetime.UTC)
    assert record.state == TradeRegisterState.ACTIVE
    assert [path for _t, path in prh.log] == ["/opendata-ytj-api/v3/companies"]


def test_the_current_main_name_is_taken_and_earlier_ones_kept(prh):
    prh.add(recorded("renamed"))
    record = TradeRegisterClient().company("1572860-0")
    assert record.name == "Savon Puutyö Oy"
    assert record.previous_names == ("Mikkelin Puutyö Oy",)


def test_a_swedish_only_post_office_is_kept_as_it_is(prh):
    prh.add(recorded("swedish_post_office"))
    record = TradeRegisterClient().company("0201256-6")
    assert record.address.city == "Nykarleby"
    assert record.address.cities == {"sv": "NYKARLEBY"}
    assert record.name == "Kustens Båtvarv Ab"


def test_a_ceased_and_a_bankrupt_company_say_so(prh):
    prh.add(recorded("ceased"), recorded("bankrupt"))
    client = TradeRegisterClient()
    ceased = client.company("2637154-7")
    assert ceased.state == TradeRegisterState.CEASED
    assert ceased.end_date == datetime.date(2026, 10, 15)
    assert client.company("3012345-8").state == TradeRegisterState.BANKRUPT


def test_missing_fields_are_tolerated_and_unknown_ones_ignored(prh):
    prh.add(recorded("minimal"))
    record = TradeRegisterClient().company("2109876-4")
    assert record.name == "Vähätietoinen Osuuskunta"
    assert (record.website, record.industry_code, record.address) == ("", "", None)
    assert record.last_modified is None
    assert record.state == TradeRegisterState.ACTIVE


def test_an_unknown_business_id_is_none(prh):
    assert TradeRegisterClient().company("1234567-1") is None


def test_a_429_is_waited_out_and_then_answered(prh):
    prh.add(recorded("active"))
    prh.fail_next((429, {"Retry-After": "1"}))
    client = TradeRegisterClient()
    started = datetime.datetime.now()
    record = client.company("2345678-0")
    assert record.name == "Saimaan Ohjelmistotalo Oy"
    assert client.requests_made == 2
    assert len(prh.log) == 2
    # Retry-After was obeyed before the second request.
    assert prh.log[1][0] - prh.log[0][0] >= 0.9
    assert datetime.datetime.now() - started >= datetime.timedelta(seconds=0.9)


def test_a_500_is_retried_and_a_lasting_one_is_unavailable(prh):
    prh.add(recorded("active"))
    prh.fail_next(500)
    assert TradeRegisterClient().company("2345678-0").name == "Saimaan Ohjelmistotalo Oy"

    prh.fail_next(500, 502, 503)
    client = TradeRegisterClient(retries=2)
    with pytest.raises(Unavailable, match="HTTP 503"):
        client.company("2345678-0")
    assert client.requests_made == 3


def test_a_malformed_body_is_a_clear_error(prh):
    prh.fail_next("malformed")
    with pytest.raises(MalformedResponse, match="not JSON"):
        TradeRegisterClient().company("2345678-0")


@pytest.mark.parametrize(
    "company, reason",
    [
        ({"names": []}, "businessId"),
        ({"businessId": {"value": "2345678-0"}, "names": "Oy"}, "names"),
        ({"businessId": {"value": "2345678-0"}, "addresses": [{"type": "x"}]}, "addresses"),
        ({"businessId": {"value": "2345678-0"}, "endDate": "yesterday"}, "endDate"),
    ],
)
def test_a_company_of_the_wrong_shape_is_malformed(prh, company, reason):
    prh.companies["2345678-0"] = company
    with pytest.raises(MalformedResponse, match=reason):
        TradeRegisterClient().companies(businessId="2345678-0")


def test_a_timeout_is_retried_then_unavailable(prh):
    prh.fail_next(("stall", 1.5), ("stall", 1.5))
    client = TradeRegisterClient(timeout=0.3, retries=1)
    with pytest.raises(Unavailable, match="ReadTimeoutError"):
        client.company("2345678-0")
    assert client.requests_made == 2


def test_a_timeout_then_an_answer_succeeds(prh):
    prh.add(recorded("active"))
    prh.fail_next(("stall", 1.5))
    client = TradeRegisterClient(timeout=0.3)
    assert client.company("2345678-0").business_id == "2345678-0"
    assert client.requests_made == 2


def test_a_client_error_is_not_retried(prh):
    prh.fail_next(400)
    client = TradeRegisterClient()
    with pytest.raises(TradeRegisterError, match="HTTP 400"):
        client.company("2345678-0")
    assert client.requests_made == 1


def test_the_rate_limit_spaces_requests(prh):
    from registry.trade_register.client import process_limiter

    prh.add(recorded("active"))
    # 120 a minute: at most two a second.
    client = TradeRegisterClient(limiter=process_limiter(120))
    for _ in range(5):
        client.company("2345678-0")
    times = [moment for moment, _path in prh.log]
    assert len(times) == 5
    for first, third in zip(times, times[2:], strict=False):
        assert third - first >= 0.9


def test_nothing_goes_past_127_0_0_1(settings):
    # The test settings point at a closed local port, never at the internet.
    assert settings.PRH_API_URL.startswith("http://127.0.0.1:")
    with pytest.raises(Unavailable):
        TradeRegisterClient(retries=0).company("2345678-0")
