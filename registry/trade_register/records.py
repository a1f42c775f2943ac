"""A company as the Trade Register's open data (YTJ v3) describes it, parsed into a typed record.

Unknown fields are ignored and missing ones tolerated (a company with no website or
address is common). A value of the wrong shape, or a company without a business ID, is
a MalformedResponse: a caller never applies half of an answer it could not read.
"""

import datetime
import re
from dataclasses import dataclass, field

from ..models.choices import TradeRegisterState

# languageCode in descriptions and post offices.
LANGUAGES = {"1": "fi", "2": "sv", "3": "en"}
VISITING_ADDRESS, POSTAL_ADDRESS = 1, 2
MAIN_NAME = "1"
# mainBusinessLine.typeCodeSet: TOL 2025 since 1 January 2026, TOL 2008 before it.
TOL_2025, TOL_2008 = "TOIMI4", "TOIMI3"
# The trade register's entry type "Lakannut" (ceased) in registeredEntries and
# tradeRegisterStatus; register "1" is the trade register itself.
CEASED_ENTRY = "4"
TRADE_REGISTER = "1"
_BUSINESS_ID = re.compile(r"^\d{7}-\d$")


class TradeRegisterError(Exception):
    """The Trade Register could not be asked, or its answer could not be used."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class MalformedResponse(TradeRegisterError):
    """The Trade Register answered something this client cannot read."""


# companySituations[].type codes, by prefix (PRH abbreviates them: KONK, SELTILA, SANE).
SITUATIONS = (
    ("KONK", TradeRegisterState.BANKRUPT),
    ("SEL", TradeRegisterState.LIQUIDATION),
    ("SANE", TradeRegisterState.REORGANISATION),
)


@dataclass(frozen=True)
class Address:
    kind: int
    street: str
    postcode: str
    # Post office names by language ("fi", "sv"); a bilingual municipality has both.
    cities: dict = field(default_factory=dict)

    @property
    def city(self):
        """The Finnish name where there is one, else the one given (a Swedish-only office)."""
        name = self.cities.get("fi") or next(iter(self.cities.values()), "")
        return _town_case(name)


@dataclass(frozen=True)
class CompanyRecord:
    business_id: str
    name: str = ""
    previous_names: tuple = ()
    industry_code: str = ""
    industry_code_set: str = ""
    industry_names: dict = field(default_factory=dict)
    website: str = ""
    company_form: str = ""
    situations: tuple = ()
    addresses: tuple = ()
    trade_register_status: str = ""
    registration_date: datetime.date | None = None
    end_date: datetime.date | None = None
    last_modified: datetime.datetime | None = None
    ceased_entry: bool = False

    @property
    def state(self):
        if self.end_date or self.ceased_entry or self.trade_register_status == CEASED_ENTRY:
            return TradeRegisterState.CEASED
        for prefix, state in SITUATIONS:
            if any(code.startswith(prefix) for code in self.situations):
                return state
        return TradeRegisterState.ACTIVE

    @property
    def address(self):
        """The postal address, or the visiting address when no postal one is registered."""
        by_kind = {address.kind: address for address in self.addresses}
        return by_kind.get(POSTAL_ADDRESS) or by_kind.get(VISITING_ADDRESS)

    def industry_name(self, language):
        return self.industry_names.get(language) or self.industry_names.get("fi", "")


def _town_case(name):
    # PRH writes post offices in capitals ("MIKKELI"); the register writes "Mikkeli".
    return name.title() if name.isupper() else name


def _expect(value, kind, where):
    if value is None:
        return kind()
    if not isinstance(value, kind):
        raise MalformedResponse(f"{where}: expected {kind.__name__}")
    return value


def _text(value, where):
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise MalformedResponse(f"{where}: expected text")
    return value.strip()


def _date(value, where):
    text = _text(value, where)
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError as exc:
        raise MalformedResponse(f"{where}: not a date") from exc


def _datetime(value, where):
    text = _text(value, where)
    if not text:
        return None
    try:
        moment = datetime.datetime.fromisoformat(text)
    except ValueError as exc:
        raise MalformedResponse(f"{where}: not a date and time") from exc
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _descriptions(items, where):
    names = {}
    for item in _dicts(items, where):
        language = LANGUAGES.get(_text(item.get("languageCode"), where))
        description = _text(item.get("description"), where)
        if language and description:
            names[language] = description
    return names


def _current(items):
    return [item for item in items if not item.get("endDate")]


def _dicts(items, where):
    return [_expect(item, dict, where) for item in _expect(items, list, where)]


def _names(company):
    names = [
        item for item in _dicts(company.get("names"), "names") if str(item.get("type")) == MAIN_NAME
    ]
    # The newest registration first; its end date unset while it is in use.
    names.sort(key=lambda item: _text(item.get("registrationDate"), "names"), reverse=True)
    current = [_text(item.get("name"), "names") for item in _current(names)]
    previous = tuple(_text(item.get("name"), "names") for item in names if item.get("endDate"))
    return (current[0] if current else ""), previous


def _street(address):
    parts = [
        _text(address.get(key), "addresses")
        for key in ("street", "buildingNumber", "entrance", "apartmentNumber")
    ]
    street = " ".join(part for part in parts if part)
    box = _text(address.get("postOfficeBox"), "addresses")
    if not street and box:
        street = f"PL {box}"
    return street


def _addresses(company):
    addresses = []
    for item in _dicts(company.get("addresses"), "addresses"):
        try:
            kind = int(item.get("type"))
        except (TypeError, ValueError) as exc:
            raise MalformedResponse("addresses: type is not a number") from exc
        cities = {}
        for office in _dicts(item.get("postOffices"), "postOffices"):
            language = LANGUAGES.get(_text(office.get("languageCode"), "postOffices"))
            city = _text(office.get("city"), "postOffices")
            if language and city:
                cities.setdefault(language, city)
        addresses.append(
            Address(
                kind=kind,
                street=_street(item),
                postcode=_text(item.get("postCode"), "addresses"),
                cities=cities,
            )
        )
    return tuple(addresses)


def _website(company):
    url = _text(_expect(company.get("website"), dict, "website").get("url"), "website")
    if url and "://" not in url:
        # PRH keeps what the company typed, often "www.example.fi".
        url = f"https://{url}"
    return url


def _ceased_entry(company):
    entries = _current(_dicts(company.get("registeredEntries"), "registeredEntries"))
    return any(
        _text(entry.get("register"), "registeredEntries") == TRADE_REGISTER
        and _text(entry.get("type"), "registeredEntries") == CEASED_ENTRY
        for entry in entries
    )


def parse_company(company):
    """One element of `companies` as a CompanyRecord; MalformedResponse when unreadable."""
    company = _expect(company, dict, "company")
    business_id = _text(_expect(company.get("businessId"), dict, "businessId").get("value"), "id")
    if not _BUSINESS_ID.match(business_id):
        raise MalformedResponse("businessId.value is missing or not a business ID")
    name, previous_names = _names(company)
    line = _expect(company.get("mainBusinessLine"), dict, "mainBusinessLine")
    forms = _current(_dicts(company.get("companyForms"), "companyForms"))
    situations = _current(_dicts(company.get("companySituations"), "companySituations"))
    return CompanyRecord(
        business_id=business_id,
        name=name,
        previous_names=previous_names,
        industry_code=_text(line.get("type"), "mainBusinessLine"),
        industry_code_set=_text(line.get("typeCodeSet"), "mainBusinessLine"),
        industry_names=_descriptions(line.get("descriptions"), "mainBusinessLine"),
        website=_website(company),
        company_form=(
            _descriptions(forms[0].get("descriptions"), "companyForms").get("fi", "")
            if forms
            else ""
        ),
        situations=tuple(
            _text(item.get("type"), "companySituations").upper() for item in situations
        ),
        addresses=_addresses(company),
        trade_register_status=_text(company.get("tradeRegisterStatus"), "tradeRegisterStatus"),
        registration_date=_date(company.get("registrationDate"), "registrationDate"),
        end_date=_date(company.get("endDate"), "endDate"),
        last_modified=_datetime(company.get("lastModified"), "lastModified"),
        ceased_entry=_ceased_entry(company),
    )


def parse_companies(body):
    """The answer of GET /companies: (totalResults, [CompanyRecord, ...])."""
    body = _expect(body, dict, "answer")
    if "companies" not in body:
        raise MalformedResponse("the answer has no companies")
    companies = [parse_company(item) for item in _expect(body["companies"], list, "companies")]
    total = body.get("totalResults", len(companies))
    if not isinstance(total, int) or isinstance(total, bool):
        raise MalformedResponse("totalResults is not a number")
    return total, companies
