import re

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from home.validators import validate_business_id
from privacy.identifiers import normalise_email, normalise_phone

from .applications import listed, pending
from .industries import SECTION_CHOICES
from .models import VISIBILITY_FIELDS, Listing, Service
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


class OwnerEditForm(forms.Form):
    listed = forms.BooleanField(
        label=_("Show the listing in the directory"),
        required=False,
        help_text=_("When off, the company page and every search result disappear at once."),
    )
    description = forms.CharField(
        label=_("Description in Finnish"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "lang": "fi"}),
    )
    description_sv = forms.CharField(
        label=_("Description in Swedish"),
        required=False,
        help_text=_("Leave empty to show the Finnish description to Swedish-speaking visitors."),
        widget=forms.Textarea(attrs={"rows": 4, "lang": "sv"}),
    )
    description_en = forms.CharField(
        label=_("Description in English"),
        required=False,
        help_text=_("Leave empty to show the Finnish description to English-speaking visitors."),
        widget=forms.Textarea(attrs={"rows": 4, "lang": "en"}),
    )
    services = forms.ModelMultipleChoiceField(
        label=_("Services"),
        queryset=Service.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    email = forms.EmailField(label=_("Email"), required=False)
    website = forms.URLField(
        label=_("Website"), required=False, max_length=500, assume_scheme="https"
    )
    social_profiles = forms.CharField(
        label=_("Social media profiles"),
        required=False,
        help_text=_("One address a line, for example https://www.facebook.com/yourcompany."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    show_street_address = forms.BooleanField(label=_("Show street address"), required=False)
    show_phone = forms.BooleanField(label=_("Show phone"), required=False)
    show_email = forms.BooleanField(label=_("Show email"), required=False)
    show_website = forms.BooleanField(label=_("Show website"), required=False)
    show_social_profiles = forms.BooleanField(label=_("Show social media profiles"), required=False)
    show_contact_persons = forms.BooleanField(label=_("Show contact persons"), required=False)

    @classmethod
    def for_listing(cls, listing, data=None):
        initial = {
            "listed": listing.status != Listing.Status.HIDDEN,
            "description": listing.description,
            "description_sv": listing.description_sv,
            "description_en": listing.description_en,
            "services": list(listing.services.all()),
            "phone": listing.phone,
            "email": listing.email,
            "website": listing.website,
            "social_profiles": "\n".join(listing.social_profiles),
            **{flag: getattr(listing, flag) for flag in VISIBILITY_FIELDS.values()},
        }
        return cls(data=data, initial=initial)

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        return normalise_phone(phone) if phone else ""

    def clean_social_profiles(self):
        lines = [line.strip() for line in self.cleaned_data["social_profiles"].splitlines()]
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

    def text(self):
        data = self.cleaned_data
        return {
            "description": data["description"].strip(),
            "description_sv": data["description_sv"].strip(),
            "description_en": data["description_en"].strip(),
            "services": [service.pk for service in data["services"]],
            "phone": data["phone"],
            "email": data["email"].strip().lower(),
            "website": data["website"],
            "social_profiles": data["social_profiles"],
        }

    def visibility(self, listing):
        data = self.cleaned_data
        values = {flag: data[flag] for flag in VISIBILITY_FIELDS.values()}
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
        # "1234567 8", " 1234567-8 ": the form the register writes, before the check digit.
        value = "".join(self.cleaned_data["business_id"].split())
        if re.fullmatch(r"\d{8}", value):
            value = f"{value[:7]}-{value[7]}"
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
