from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.fields import RichTextField
from wagtail.search import index

from pagecache.lookups import SharedPageLookupsMixin
from registry.models import LegalBasis

from ..forms import IntakeFormBuilder
from ..panels import SubmissionsPanel
from .consent_links import ConsentLink
from .submissions import IntakeSubmission


class RegisterField(models.TextChoices):
    """The register fields an editor can map a form field to."""

    EMAIL = "email", _("Contact: email")
    FULL_NAME = "full_name", _("Contact: full name")
    FIRST_NAME = "first_name", _("Contact: first name")
    LAST_NAME = "last_name", _("Contact: last name")
    PHONE = "phone", _("Contact: phone number")
    POSITION = "position", _("Contact: position")
    STREET_ADDRESS = "street_address", _("Contact: street address")
    POSTCODE = "postcode", _("Contact: postcode")
    CITY = "city", _("Contact: post office")
    ORGANISATION_NAME = "organisation_name", _("Organisation: name")
    BUSINESS_ID = "business_id", _("Organisation: business ID")


class FormField(AbstractFormField):
    page = ParentalKey("intake.FormPage", on_delete=models.CASCADE, related_name="form_fields")
    maps_to = models.CharField(
        _("register field"),
        max_length=32,
        choices=RegisterField.choices,
        blank=True,
        help_text=_("The answer is copied into this field of the customer register."),
    )

    panels = AbstractFormField.panels + [FieldPanel("maps_to")]

    class Meta(AbstractFormField.Meta):
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")


class FormPage(SharedPageLookupsMixin, AbstractEmailForm):
    """A web form built by editors; each submission may feed the customer register."""

    introduction = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    thank_you_text = RichTextField(
        _("thank-you text"), blank=True, features=["bold", "italic", "link", "ul"]
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=32,
        choices=LegalBasis.choices,
        default=LegalBasis.LEGITIMATE_INTEREST,
        help_text=_("The basis on which the answers are processed, shown at the form."),
    )
    purpose = models.CharField(
        _("purpose"),
        max_length=255,
        help_text=_("Why the answers are collected, shown at the form."),
    )
    consent_text = models.TextField(
        _("consent text"),
        blank=True,
        help_text=_(
            "The label of a consent checkbox. Required when the legal basis is consent; "
            "its exact text is stored with each submission."
        ),
    )
    submit_label = models.CharField(_("submit button"), max_length=50, default="Lähetä")

    content_panels = AbstractEmailForm.content_panels + [
        SubmissionsPanel(),
        FieldPanel("introduction"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("submit_label"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [FieldPanel("legal_basis"), FieldPanel("purpose"), FieldPanel("consent_text")],
            heading=_("Processing of personal data"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Notification email"),
        ),
    ]
    search_fields = AbstractEmailForm.search_fields + [index.SearchField("introduction")]

    form_builder = IntakeFormBuilder
    template = "intake/form_page.html"
    landing_page_template = "intake/form_page_landing.html"
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("form page")
        verbose_name_plural = _("form pages")

    def notification_addresses(self):
        """The staff addresses the notifications go to, normalised."""
        return [
            address.strip().lower() for address in self.to_address.split(",") if address.strip()
        ]

    @property
    def asks_consent(self):
        return bool(self.consent_text.strip())

    @property
    def consent_source(self):
        """Where the register says this form's consent was asked (see registry.ConsentText)."""
        return f"form page #{self.pk}"

    @property
    def consent_required(self):
        return self.legal_basis == LegalBasis.CONSENT

    def get_form_fields(self):
        """The editor's fields, read once per page instance (a request or a task)."""
        if not hasattr(self, "_form_fields_cache"):
            self._form_fields_cache = list(super().get_form_fields())
        return self._form_fields_cache

    def register_mapping(self):
        """{form field clean name: register field} for the fields the editor mapped."""
        if not hasattr(self, "_register_mapping"):
            self._register_mapping = {
                field.clean_name or field.get_field_clean_name(): field.maps_to
                for field in self.get_form_fields()
                if field.maps_to
            }
        return self._register_mapping

    def clean(self):
        super().clean()
        if self.consent_required and not self.asks_consent:
            raise ValidationError(
                {"consent_text": _("A form whose legal basis is consent needs a consent text.")}
            )

    # Wagtail's form builder hooks -------------------------------------------------

    def get_submission_class(self):
        return IntakeSubmission

    def get_submissions_list_view_class(self):
        from ..admin_views import (
            IntakeSubmissionsListView,
        )  # imports these models: loaded after them

        return IntakeSubmissionsListView

    def get_form_parameters(self):
        return {"form_page": self}

    def get_data_fields(self):
        return super().get_data_fields() + [
            ("registry_outcome", _("Register")),
        ]

    def process_form_submission(self, form):
        """Not used: `serve` stores through `intake.services.store_submission`."""
        raise NotImplementedError("FormPage stores submissions with services.store_submission")

    def privacy_notice(self, request=None):
        """The privacy notice in force (see `intake.notice`)."""
        from ..notice import notice_in_force  # imports these models: loaded after them

        return notice_in_force(self, request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["privacy_notice"] = self.privacy_notice(request)
        return context

    def serve(self, request, *args, **kwargs):
        # Both import these models, so they load after them (when a page is served).
        from ..empty_form import article_for_new_visitor
        from ..submitting import handle_post

        if request.method == "POST":
            return handle_post(self, request)
        # The article brings the form and the privacy notice: no need to look them up.
        context = super().get_context(request)
        context["shared_article"] = article_for_new_visitor(self, request)
        return TemplateResponse(request, self.get_template(request), context)

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        """The thank-you page; after a consent, with the sender's link to withdraw it."""
        from .. import consent_links  # imports these models: loaded after them

        response = super().render_landing_page(request, form_submission, *args, **kwargs)
        if (
            form_submission is not None
            and form_submission.consent_given
            and form_submission.submitter_email
        ):
            token = consent_links.issue(form_submission, ConsentLink.Scope.SUBMISSION)
            response.context_data["consent_url"] = consent_links.url(
                token, self.locale.language_code
            )
        return response

    def render_form(self, request, form, status=200, error=None):
        """The form again, with what the user typed and a message saying what went wrong."""
        context = self.get_context(request)
        context["form"] = form
        context["form_error"] = error
        return TemplateResponse(request, self.get_template(request), context, status=status)
