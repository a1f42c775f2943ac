from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import DataSubjectRequest, Disclosure
from .models.requests import MAX_EXTENSION_MONTHS


class RequestForm(forms.ModelForm):
    class Meta:
        model = DataSubjectRequest
        fields = ["kind", "name", "email", "phone", "details"]
        widgets = {"kind": forms.RadioSelect, "details": forms.Textarea(attrs={"rows": 4})}
        labels = {
            "kind": _("What do you ask for?"),
            "name": _("Your name"),
            "email": _("Your email address"),
        }
        help_texts = {
            "email": _("We send a link to this address; your request is handled once you open it."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radio buttons need no empty "---------" choice.
        self.fields["kind"].choices = DataSubjectRequest.Kind.choices
        # Only a request staff record may come without one: the web form confirms by it.
        self.fields["email"].required = True

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class StaffRequestForm(forms.ModelForm):
    """A request received by phone, letter, email or at the desk, as staff record it."""

    received_on = forms.DateField(
        label=_("Date of receipt"),
        help_text=_("The month to answer runs from this day."),
        # The browser's date picker sends and shows ISO dates, whatever the language.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    class Meta:
        model = DataSubjectRequest
        fields = ["kind", "channel", "name", "email", "phone", "details", "language"]
        widgets = {"kind": forms.RadioSelect, "channel": forms.RadioSelect}
        labels = {"kind": _("What does the person ask for?"), "language": _("Answer in")}
        help_texts = {
            "email": _("Needed for access: the download link is sent to it."),
            "phone": _("Finds their data in the register once their identity is checked."),
            "details": _("What they asked, in their words, and anything needed to find them."),
        }

    LANGUAGES = [("fi", "suomi"), ("sv", "svenska"), ("en", "English")]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = DataSubjectRequest.Kind.choices
        self.fields["channel"].choices = [
            choice
            for choice in DataSubjectRequest.Channel.choices
            if choice[0] != DataSubjectRequest.Channel.WEB
        ]
        self.fields["language"] = forms.ChoiceField(
            label=_("Answer in"), choices=self.LANGUAGES, initial="fi"
        )
        self.fields["received_on"].initial = timezone.localdate
        self.fields["received_on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on > timezone.localdate():
            raise forms.ValidationError(_("The date of receipt cannot be in the future."))
        return received_on

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        data = super().clean()
        if not (data.get("email") or data.get("phone")):
            raise forms.ValidationError(
                _("Give the requester's email or phone number: their data is found by them.")
            )
        if data.get("kind") == DataSubjectRequest.Kind.ACCESS and not data.get("email"):
            self.add_error("email", _("An access request needs an email for the download link."))
        return data


class IdentityCheckForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How was the identity verified?"),
        choices=DataSubjectRequest.IdentityMethod.choices,
        widget=forms.RadioSelect,
    )
    how = forms.CharField(
        label=_("Details"),
        max_length=255,
        required=False,
        help_text=_("For example the kind of ID seen, or the register entry the email matched."),
    )

    def clean(self):
        data = super().clean()
        if data.get("method") == DataSubjectRequest.IdentityMethod.OTHER and not data.get("how"):
            self.add_error("how", _("Describe how the identity was verified."))
        return data


class ExtensionForm(forms.Form):
    months = forms.TypedChoiceField(
        label=_("Extend by"),
        coerce=int,
        choices=[(n, _("%(n)s month(s)") % {"n": n}) for n in range(1, MAX_EXTENSION_MONTHS + 1)],
    )
    reason = forms.CharField(
        label=_("Reason (sent to the requester)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class CloseForm(forms.Form):
    outcome = forms.CharField(
        label=_("Answer to the requester"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RectificationForm(forms.Form):
    """One field per value staff may correct, filled with what is stored now."""

    def __init__(self, *args, fields=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.rectifiable = list(fields)
        for index, field in enumerate(self.rectifiable):
            self.fields[f"f{index}"] = forms.CharField(
                label=field["label"], required=False, initial=field["value"]
            )

    def changes(self):
        changes = {}
        for index, field in enumerate(self.rectifiable):
            new = self.cleaned_data.get(f"f{index}", "")
            if new != (field["value"] or ""):
                changes.setdefault(field["provider"], {})[field["key"]] = new
        return changes


class DisclosureForm(forms.ModelForm):
    contact_ids = forms.CharField(
        label=_("Contact numbers"),
        help_text=_("The numbers of the contacts to disclose, separated by commas."),
    )
    disclosed_fields = forms.MultipleChoiceField(
        label=_("Fields disclosed"), widget=forms.CheckboxSelectMultiple, choices=()
    )

    class Meta:
        model = Disclosure
        fields = [
            "recipient",
            "recipient_category",
            "purpose",
            "legal_basis",
            "outside_eea",
            "safeguard",
        ]

    def __init__(self, *args, field_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["disclosed_fields"].choices = field_choices

    def clean_contact_ids(self):
        try:
            return [
                int(part.strip().lstrip("#"))
                for part in self.cleaned_data["contact_ids"].split(",")
                if part.strip()
            ]
        except ValueError as error:
            raise forms.ValidationError(_("Give contact numbers separated by commas.")) from error
