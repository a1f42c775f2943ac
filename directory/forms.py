from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from home.validators import normalise_business_id, validate_business_id
from privacy.identifiers import normalise_email, normalise_phone

from .applications import listed, pending
from .fields import (
    CONTACT_FIELDS,
    DESCRIPTION,
    EMAIL,
    LINE,
    LINKS,
    OWNER_FIELDS,
    PHONE,
    SERVICES,
    URL,
    VISIBILITY_FIELDS,
)
from .industries import SECTION_CHOICES
from .models import Listing
from .search.query import Query

SORT_CHOICES = [
    ("relevance", _("Best match")),
    ("name", _("Name A–Ö")),
    ("newest", _("Newest first")),
]


def industry_choices():
    return [("", _("All industries")), *SECTION_CHOICES]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search companies"), required=False, max_length=200)
    municipality = forms.CharField(label=_("Municipality"), required=False, max_length=100)
    # A callable: every search makes a form, and Django deep-copies a list of choices
    # into each one.
    industry = forms.ChoiceField(label=_("Industry"), required=False, choices=industry_choices)
    service = forms.SlugField(label=_("Service"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)
    page = forms.IntegerField(required=False, min_value=1)

    def query(self):
        data = self.cleaned_data if self.is_valid() else {}
        return Query(
            text=data.get("q", ""),
            municipality=data.get("municipality", ""),
            industry=data.get("industry", ""),
            service=data.get("service", ""),
            sort=data.get("sort") or "relevance",
        )

    def page_number(self):
        return (self.cleaned_data.get("page") if self.is_valid() else None) or 1


class RequestLinkForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email address"),
        help_text=_("Use the address our register holds for you as a contact of this company."),
    )


def owner_form_field(field):
    """The form field that edits one declared listing field, from its model field."""
    model_field = field.model_field()
    if field.kind == DESCRIPTION:
        rows = 6 if field.lang == settings.LANGUAGE_CODE else 4
        return model_field.formfield(
            widget=forms.Textarea(attrs={"rows": rows, "lang": field.lang})
        )
    if field.kind == SERVICES:
        return model_field.formfield(widget=forms.CheckboxSelectMultiple)
    if field.kind == PHONE:  # room for spaces and dashes before it is normalised
        return model_field.formfield(max_length=40)
    if field.kind == URL:
        return model_field.formfield(assume_scheme="https")
    if field.kind == LINKS:
        return forms.CharField(
            label=field.label,
            required=False,
            help_text=model_field.help_text,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
    return model_field.formfield()


def initial_value(field, listing):
    if field.kind == SERVICES:
        return list(listing.services.all())
    if field.kind == LINKS:
        return "\n".join(getattr(listing, field.name))
    return getattr(listing, field.name)


def clean_links(text):
    lines = [line.strip() for line in text.splitlines()]
    profiles = [line for line in lines if line]
    validate = URLValidator(schemes=["https", "http"])
    for profile in profiles:
        try:
            validate(profile)
        except forms.ValidationError as error:
            raise forms.ValidationError(
                _("“%(value)s” is not a web address."), params={"value": profile}
            ) from error
    return profiles


# How each kind of field is tidied once the form field has validated it.
CLEAN = {
    DESCRIPTION: str.strip,
    LINE: str.strip,
    PHONE: lambda phone: normalise_phone(phone.strip()) if phone.strip() else "",
    EMAIL: lambda email: email.strip().lower(),
    LINKS: clean_links,
}


class OwnerEditForm(forms.Form):
    """The owner's listing: on or off, then each field of OWNER_FIELDS and its switch."""

    listed = forms.BooleanField(
        label=_("Show the listing in the directory"),
        required=False,
        help_text=_("When off, the company page and every search result disappear at once."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in OWNER_FIELDS:
            self.fields[field.name] = owner_form_field(field)
        for switch in VISIBILITY_FIELDS.values():
            self.fields[switch] = Listing._meta.get_field(switch).formfield()

    @classmethod
    def for_listing(cls, listing, data=None):
        initial = {field.name: initial_value(field, listing) for field in OWNER_FIELDS}
        initial.update({switch: getattr(listing, switch) for switch in VISIBILITY_FIELDS.values()})
        initial["listed"] = listing.status != Listing.Status.HIDDEN
        return cls(data=data, initial=initial)

    def text_fields(self):
        return [self[field.name] for field in OWNER_FIELDS if not field.hideable]

    def contact_fields(self):
        """Each contact detail with its switch, as the form shows them."""
        return [(self[field.name], self[field.switch]) for field in CONTACT_FIELDS]

    def clean(self):
        data = super().clean()
        for field in OWNER_FIELDS:
            if field.name in data and field.kind in CLEAN:
                try:
                    data[field.name] = CLEAN[field.kind](data[field.name])
                except forms.ValidationError as error:
                    self.add_error(field.name, error)
        return data

    def text(self):
        """The submitted fields as a listing stores them (field.value)."""
        data = self.cleaned_data
        return {
            field.name: [service.pk for service in data[field.name]]
            if field.kind == SERVICES
            else data[field.name]
            for field in OWNER_FIELDS
        }

    def visibility(self, listing):
        data = self.cleaned_data
        values = {switch: data[switch] for switch in VISIBILITY_FIELDS.values()}
        if not data["listed"]:
            values["status"] = Listing.Status.HIDDEN
        elif listing.status == Listing.Status.HIDDEN:
            values["status"] = Listing.Status.PUBLIC  # services.apply_owner_changes may hold it
        return values


CONSENT_TEXT = _(
    "I agree that the company development company Miksei stores my name, email address "
    "and phone number as the company's contact person for the company directory. I can "
    "withdraw my consent at any time."
)


class ContactPersonForm(forms.Form):
    """The applicant: who the directory's staff and the listing's edit links reach."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    role = forms.CharField(label=_("Role in the company"), max_length=150, required=False)
    email = forms.EmailField(label=_("Email"))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    consent = forms.BooleanField(label=CONSENT_TEXT)

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        return normalise_phone(phone) if phone else ""

    def contact_fields(self):
        data = self.cleaned_data
        return {
            "first_name": data["first_name"].strip(),
            "last_name": data["last_name"].strip(),
            "role": data["role"].strip(),
            "email": data["email"],
            "phone": data["phone"],
            "consent_text": str(CONSENT_TEXT),
        }


class ApplicationForm(ContactPersonForm):
    """A business not yet listed asks to be added."""

    business_id = forms.CharField(
        label=_("Business ID"),
        max_length=20,
        help_text=_("Y-tunnus, for example 1234567-8."),
    )
    company_name = forms.CharField(label=_("Company name"), max_length=255, required=False)
    municipality = forms.CharField(label=_("Municipality"), max_length=100, required=False)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the company does, in a few sentences (you can edit it later)."),
    )

    field_order = ["business_id", "company_name", "municipality", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.already_listed = None  # the listing that already has this business ID

    def clean_business_id(self):
        value = normalise_business_id(self.cleaned_data["business_id"])
        validate_business_id(value)
        return value

    def clean(self):
        data = super().clean()
        business_id = data.get("business_id")
        if not business_id:
            return data
        self.already_listed = listed(business_id)
        if self.already_listed is not None:
            self.add_error(
                "business_id",
                forms.ValidationError(
                    _("A company with this business ID is already in the directory."),
                    code="listed",
                ),
            )
        elif pending(business_id):
            self.add_error(
                "business_id",
                _("An application for this business ID is already waiting for our staff."),
            )
        return data

    def require_details(self):
        """On sending (not on fetching from the Trade Register) the name is required."""
        if self.is_valid() and not self.cleaned_data["company_name"].strip():
            self.add_error("company_name", _("Enter the company's name."))
        return not self.errors
