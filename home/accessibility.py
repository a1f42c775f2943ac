"""The accessibility statement (saavutettavuusseloste) the Act on the Provision of
Digital Services (306/2019) requires, shaped after the supervisory authority's model
statement: conformance status, known non-conformities, how and when the site was last
assessed, a feedback channel and the enforcement procedure's contact details."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from pagecache.lookups import SharedPageLookupsMixin

from .blocks import NonConformitiesBlock


class ConformanceStatus(models.TextChoices):
    FULLY = "fully", _("Fully conforms to WCAG 2.1 level AA")
    PARTIALLY = "partially", _("Partially conforms to WCAG 2.1 level AA")
    NOT = "not", _("Does not conform to WCAG 2.1 level AA")


class AssessmentMethod(models.TextChoices):
    SELF = "self", _("Self-assessment by the organisation")
    THIRD_PARTY = "third_party", _("Assessment by a third party")


class AccessibilityStatementPage(SharedPageLookupsMixin, Page):  # noqa: DJ008 (Page provides __str__)
    introduction = RichTextField(
        _("introduction"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_("Which website the statement covers and which law requires it."),
    )
    conformance_status = models.CharField(
        _("conformance status"),
        max_length=20,
        choices=ConformanceStatus.choices,
        default=ConformanceStatus.PARTIALLY,
    )
    non_conformities = StreamField(
        NonConformitiesBlock(),
        verbose_name=_("known non-conformities"),
        blank=True,
        help_text=_("Content that is not accessible, the reason and a workaround."),
    )
    assessed_on = models.DateField(_("last assessed on"))
    assessment_method = models.CharField(
        _("assessment method"),
        max_length=20,
        choices=AssessmentMethod.choices,
        default=AssessmentMethod.SELF,
    )
    assessor = models.CharField(
        _("assessed by"), max_length=200, blank=True, help_text=_("The third party, if any.")
    )
    assessment_description = models.TextField(
        _("how the assessment was done"), help_text=_("Tools, browsers, assistive technology.")
    )
    feedback_email = models.EmailField(_("feedback email"))
    feedback_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("feedback form page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    supervisor_name = models.CharField(
        _("supervisory authority"),
        max_length=200,
        default="Liikenne- ja viestintävirasto Traficom, saavutettavuusvalvonta",
    )
    supervisor_url = models.URLField(
        _("supervisory authority's website"), default="https://www.saavutettavuusvaatimukset.fi"
    )
    supervisor_email = models.EmailField(
        _("supervisory authority's email"), default="saavutettavuus@traficom.fi"
    )
    supervisor_phone = models.CharField(
        _("supervisory authority's phone"), max_length=40, default="029 534 5000"
    )
    statement_date = models.DateField(_("statement drawn up on"))
    updated_on = models.DateField(_("statement last updated on"), null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("conformance_status"),
        FieldPanel("non_conformities"),
        MultiFieldPanel(
            [
                FieldPanel("assessed_on"),
                FieldPanel("assessment_method"),
                FieldPanel("assessor"),
                FieldPanel("assessment_description"),
            ],
            heading=_("Assessment"),
        ),
        MultiFieldPanel(
            [FieldPanel("feedback_email"), PageChooserPanel("feedback_page")],
            heading=_("Feedback"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("supervisor_name"),
                FieldPanel("supervisor_url"),
                FieldPanel("supervisor_email"),
                FieldPanel("supervisor_phone"),
            ],
            heading=_("Enforcement procedure"),
        ),
        MultiFieldPanel(
            [FieldPanel("statement_date"), FieldPanel("updated_on")],
            heading=_("Statement dates"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("non_conformities"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("accessibility statement")
