"""Importing organisations and contacts from a CSV file.

Every row is validated before anything is stored. A file with a bad row is
stored not at all, unless the user asks to skip bad rows; either way each bad
row is reported with its line number in the file (the header is line 1).
Columns are named as in an export (`registry.csv_export`); columns this import
does not read, such as `id`, are ignored.
"""

import csv
import io
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from privacy.identifiers import normalise_email, normalise_phone
from privacy.spreadsheet import FORMULA_PREFIXES

from . import audit
from .csv_export import ORGANISATION_FIELDS
from .models import (
    Contact,
    ContactPhone,
    DataSource,
    LegalBasis,
    Membership,
    Organisation,
    OrganisationWebLink,
    WebLinkKind,
)

MAX_FILE_SIZE = 5 * 1024 * 1024
LIST_SEPARATORS = (";", "\n")
TRUE_WORDS = {"yes", "true", "1", "x", "kyllä", "ja", "on"}
FALSE_WORDS = {"no", "false", "0", "", "ei", "nej", "off"}


class ImportFileError(Exception):
    """The file as a whole cannot be read: wrong encoding, no header, missing columns."""


@dataclass
class RowError:
    line: int
    messages: list[str]


@dataclass
class ImportResult:
    rows: int = 0
    valid: int = 0
    errors: list[RowError] = field(default_factory=list)
    created: list[int] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    stored: bool = False


def cell_value(raw):
    """A cell as typed, without the apostrophe an export adds before a formula character."""
    value = (raw or "").strip()
    if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


def split_list(value):
    for separator in LIST_SEPARATORS:
        value = value.replace(separator, ",")
    return [item.strip() for item in value.split(",") if item.strip()]


def choice_value(choices, raw):
    """A choice's stored value from either the value itself or its label, ignoring case."""
    wanted = raw.strip().casefold()
    if not wanted:
        return ""
    for value, label in choices:
        if wanted in (value.casefold(), str(label).casefold()):
            return value
    return raw  # left for the form to refuse as an invalid choice


class YesNoField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def clean(self, value):
        word = (value or "").strip().casefold()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValidationError(_("Enter yes or no."), code="invalid_boolean")


class CountryField(forms.CharField):
    """A two-letter country code; Finland when left empty."""

    def __init__(self, **kwargs):
        super().__init__(required=False, max_length=2, **kwargs)

    def clean(self, value):
        return super().clean(value).upper() or "FI"


class OrganisationRow(forms.ModelForm):
    country = CountryField(label=_("country"))
    is_business_customer = YesNoField(label=_("business customer"))
    websites = forms.CharField(required=False, label=_("websites"))

    class Meta:
        model = Organisation
        fields = ORGANISATION_FIELDS

    def clean_websites(self):
        urls = split_list(self.cleaned_data["websites"])
        validate = URLValidator(schemes=["http", "https"])
        for url in urls:
            validate(url)
        return urls

    def save_related(self, organisation):
        OrganisationWebLink.objects.bulk_create(
            OrganisationWebLink(organisation=organisation, kind=WebLinkKind.WEBSITE, url=url)
            for url in self.cleaned_data["websites"]
        )


class ContactRow(forms.ModelForm):
    country = CountryField(label=_("country"))
    phones = forms.CharField(required=False, label=_("phone numbers"))
    organisation_business_id = forms.CharField(required=False, label=_("organisation"))
    role = forms.CharField(required=False, max_length=150, label=_("role"))

    class Meta:
        model = Contact
        fields = [
            "first_name",
            "last_name",
            "email",
            "position",
            "legal_basis",
            "source",
            "street_address",
            "postcode",
            "city",
            "country",
            "notes",
        ]

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

    def clean_phones(self):
        return [normalise_phone(number) for number in split_list(self.cleaned_data["phones"])]

    def clean_organisation_business_id(self):
        business_id = self.cleaned_data["organisation_business_id"]
        if not business_id:
            return None
        organisation = Organisation.objects.filter(business_id=business_id).first()
        if organisation is None:
            raise ValidationError(
                _("No organisation with business ID %(business_id)s in the register."),
                params={"business_id": business_id},
                code="unknown_organisation",
            )
        return organisation

    def clean(self):
        cleaned = super().clean()
        if not (cleaned.get("first_name") or cleaned.get("last_name") or cleaned.get("email")):
            raise ValidationError(
                _("A contact needs a name or an email address."), code="no_identity"
            )
        return cleaned

    def save_related(self, contact):
        ContactPhone.objects.bulk_create(
            ContactPhone(contact=contact, number=number) for number in self.cleaned_data["phones"]
        )
        if organisation := self.cleaned_data["organisation_business_id"]:
            Membership.objects.create(
                contact=contact, organisation=organisation, role=self.cleaned_data["role"]
            )


class Importer:
    model = None
    row_form = None
    required_columns = ()  # at least one of these must be in the header
    unique_columns = ()  # no two rows of one file may share a value here
    choice_columns = {}

    def read(self, uploaded_file):
        if uploaded_file.size > MAX_FILE_SIZE:
            raise ImportFileError(_("The file is larger than 5 MB."))
        data = uploaded_file.read()
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            # What Excel on Finnish Windows saves as "CSV".
            text = data.decode("cp1252")
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        reader = csv.reader(io.StringIO(text, newline=""), dialect)
        header = [cell_value(name).lower() for name in next(reader, [])]
        if not any(column in header for column in self.required_columns):
            raise ImportFileError(
                _("The first line must name the columns, including %(columns)s.")
                % {"columns": " / ".join(self.required_columns)}
            )
        return header, reader

    def rows(self, header, reader):
        line = reader.line_num
        for cells in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            row = dict(zip(header, (cell_value(cell) for cell in cells), strict=False))
            for column, choices in self.choice_columns.items():
                if column in row:
                    row[column] = choice_value(choices, row[column])
            yield start, row

    def run(self, uploaded_file, user, *, skip_invalid=False, dry_run=False):
        header, reader = self.read(uploaded_file)
        known = set(self.row_form.base_fields)
        result = ImportResult(ignored_columns=[c for c in header if c and c not in known])
        valid_forms = []
        seen = {column: {} for column in self.unique_columns}
        for line, row in self.rows(header, reader):
            result.rows += 1
            form = self.row_form(data=row)
            messages = self.row_errors(form)
            if not messages:
                messages = self.duplicate_errors(form, line, seen)
            if messages:
                result.errors.append(RowError(line=line, messages=messages))
            else:
                valid_forms.append(form)
        result.valid = len(valid_forms)
        if dry_run or (result.errors and not skip_invalid):
            return result
        with transaction.atomic():
            for form in valid_forms:
                instance = form.save()
                form.save_related(instance)
                result.created.append(instance.pk)
            audit.log_import(self.model, result.created, user)
        result.stored = True
        return result

    def row_errors(self, form):
        if form.is_valid():
            return []
        messages = []
        for name, errors in form.errors.items():
            for error in errors:
                if name == forms.forms.NON_FIELD_ERRORS:
                    messages.append(str(error))
                else:
                    messages.append(f"{name}: {error}")
        return messages

    def duplicate_errors(self, form, line, seen):
        messages = []
        for column in self.unique_columns:
            value = form.cleaned_data.get(column)
            if not value:
                continue
            if value in seen[column]:
                messages.append(
                    str(
                        _("%(column)s: the same value is on line %(line)s.")
                        % {"column": column, "line": seen[column][value]}
                    )
                )
            else:
                seen[column][value] = line
        return messages


class OrganisationImporter(Importer):
    model = Organisation
    row_form = OrganisationRow
    required_columns = ("name",)
    unique_columns = ("business_id",)


class ContactImporter(Importer):
    model = Contact
    row_form = ContactRow
    required_columns = ("first_name", "last_name", "email")
    unique_columns = ("email",)
    choice_columns = {"legal_basis": LegalBasis.choices, "source": DataSource.choices}


IMPORTERS = {"organisations": OrganisationImporter, "contacts": ContactImporter}
