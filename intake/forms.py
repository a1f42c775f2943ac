"""The public form as Django builds it from the editor's fields, plus what every form needs."""

import re

import django.forms
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from home.validators import validate_business_id
from registry.normalise import normalise_email, normalise_phone

HONEYPOT_FIELD = "intake_website"
CONSENT_FIELD = "intake_consent"
MULTILINE_MAX_LENGTH = 5000

# Control characters other than tab and newlines, and the replacement character that
# Django puts where the request held bytes that were not valid UTF-8.
_UNSAVEABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")


def has_unsaveable_characters(value):
    if isinstance(value, list | tuple):
        return any(has_unsaveable_characters(item) for item in value)
    return isinstance(value, str) and bool(_UNSAVEABLE.search(value))


class IntakeBaseForm(BaseForm):
    """Adds the honeypot, the consent checkbox and the crispy layout to a built form."""

    def __init__(self, *args, form_page=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.form_page = form_page
        answer_fields = list(self.fields)

        self.fields[HONEYPOT_FIELD] = django.forms.CharField(
            label=_("Leave this field empty"), required=False, max_length=255
        )
        if form_page is not None and form_page.asks_consent:
            self.fields[CONSENT_FIELD] = django.forms.BooleanField(
                label=form_page.consent_text,
                required=form_page.consent_required,
                error_messages={"required": _("Tick the box to give your consent.")},
            )

        self.helper = FormHelper(self)
        self.helper.form_method = "post"
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            *answer_fields,
            # Hidden from people (CSS and aria-hidden) but not from form-filling bots.
            Div(
                Field(HONEYPOT_FIELD, tabindex="-1", autocomplete="off"),
                css_class="intake-hp",
                aria_hidden="true",
            ),
            *([CONSENT_FIELD] if CONSENT_FIELD in self.fields else []),
            Submit("submit", form_page.submit_label if form_page else _("Send")),
        )

    @property
    def honeypot_filled(self):
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def clean(self):
        cleaned_data = super().clean()
        for name, value in list(cleaned_data.items()):
            if has_unsaveable_characters(value):
                self.add_error(
                    name,
                    _(
                        "This field contains characters that cannot be saved, for example "
                        "from a broken text encoding. Remove them and try again."
                    ),
                )
        if self.form_page is not None:
            self._validate_register_fields(cleaned_data)
        return cleaned_data

    def _validate_register_fields(self, cleaned_data):
        """Answers that go into the register must be valid there too."""
        validators = {
            "email": normalise_email,
            "phone": normalise_phone,
            "business_id": validate_business_id,
        }
        for name, register_field in self.form_page.register_mapping().items():
            value = cleaned_data.get(name)
            validate = validators.get(register_field)
            if validate is None or not isinstance(value, str) or not value.strip():
                continue
            try:
                validate(value.strip())
            except ValidationError as error:
                self.add_error(name, error)

    def answers(self):
        """The answers to the editor's fields, without the honeypot and consent."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in (HONEYPOT_FIELD, CONSENT_FIELD)
        }

    @property
    def consent_given(self):
        return bool(self.cleaned_data.get(CONSENT_FIELD))


class IntakeFormBuilder(FormBuilder):
    def create_multiline_field(self, field, options):
        options["max_length"] = MULTILINE_MAX_LENGTH
        return super().create_multiline_field(field, options)

    def get_form_class(self):
        return type("IntakeForm", (IntakeBaseForm,), self.formfields)
