from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

KIND_LABELS = {"organisations": _("Organisations"), "contacts": _("Contacts")}


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"))
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8 or Windows (Excel) encoding; commas or semicolons between columns."),
    )
    skip_invalid = forms.BooleanField(
        label=_("Skip bad rows and import the rest"),
        required=False,
        help_text=_("Without this, a file with any bad row is not imported at all."),
    )

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(kind, KIND_LABELS[kind]) for kind in kinds]


class ContactForm(WagtailAdminModelForm):
    """The contact edit form: new customer events are recorded as made by the editing user."""

    def save(self, commit=True):
        events = self.formsets.get("events")
        if events is not None and self.for_user is not None:
            for form in events.forms:
                event = form.instance
                if event.pk is None and event.recorded_by_id is None:
                    event.recorded_by = self.for_user
        return super().save(commit=commit)
