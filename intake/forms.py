"""The public form as Django builds it from the editor's fields, plus what every form needs."""

import re
import uuid

import django.forms
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from home.validators import validate_business_id
from privacy.identifiers import normalise_email, normalise_phone

HONEYPOT_FIELD = "intake_website"
CONSENT_FIELD = "intake_consent"
# The hidden field that makes a form sent twice one submission (see submission_key).
SUBMISSION_KEY_FIELD = "intake_submission_key"
MULTILINE_MAX_LENGTH = 5000

# Control characters other than tab and newlines, and the replacement character that
# Django puts where the request held bytes that were not valid UTF-8.
_UNSAVEABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")


def parse_submission_key(value):
    """The UUID `value` spells, or None when it is missing or not a UUID."""
    if not isinstance(value, str):
        return None
    try:
        return uuid.UUID(value.strip())
    except ValueError:
        return None


def has_unsaveable_characters(value):
    if isinstance(value, list | tuple):
        return any(has_unsaveable_characters(item) for item in value)
    return isinstance(value, str) and bool(_UNSAVEABLE.search(value))


class IntakeBaseForm(BaseForm):
    """Adds the submission key, the honeypot, the consent checkbox and the crispy layout.

    The submission key is a random UUID given to each empty form rendered. A form sent
    twice (a double click, a reload of the POST, a client retrying after its connection
    was cut) sends the same key and is stored once; a re-render with errors keeps it.
    """

    def __init__(self, *args, form_page=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.form_page = form_page
        answer_fields = list(self.fields)

        # A plain Field: any text reaches clean(), which turns a bad key into one message.
        self.fields[SUBMISSION_KEY_FIELD] = django.forms.Field(
            required=False, widget=django.forms.HiddenInput, initial=str(uuid.uuid4())
        )
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
            SUBMISSION_KEY_FIELD,
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

    @property
    def sent_submission_key(self):
        """The key in the data sent, before validation; None if there is no valid one."""
        return parse_submission_key(self.data.get(SUBMISSION_KEY_FIELD)) if self.is_bound else None

    @property
    def submission_key(self):
        return self.cleaned_data.get(SUBMISSION_KEY_FIELD)

    def clean(self):
        cleaned_data = super().clean()
        self._clean_submission_key(cleaned_data)
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

    def _clean_submission_key(self, cleaned_data):
        key = parse_submission_key(cleaned_data.get(SUBMISSION_KEY_FIELD))
        cleaned_data[SUBMISSION_KEY_FIELD] = key
        if key is None:
            # Not tied to the hidden field: the error summary links field errors to
            # their fields, and a person cannot fix this one by editing anything.
            self.add_error(
                None,
                _(
                    "The form could not be sent because its hidden identifier was missing "
                    "or damaged. Check your answers and send the form again."
                ),
            )
            # The re-rendered form carries a fresh key, so that sending it again can work.
            # Nothing was stored under the bad one.
            self.data = self.data.copy()
            self.data[SUBMISSION_KEY_FIELD] = str(uuid.uuid4())

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
        """The answers to the editor's fields, without the key, honeypot and consent."""
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in (SUBMISSION_KEY_FIELD, HONEYPOT_FIELD, CONSENT_FIELD)
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
