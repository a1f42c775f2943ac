from django import forms
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

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


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
