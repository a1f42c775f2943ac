from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index

from pagecache.lookups import SharedPageLookupsMixin

from .blocks import BaseStreamBlock, FrontPageStreamBlock
from .validators import validate_business_id


class BodyPageMixin(models.Model):
    """An introduction and a body of shared blocks, with the panels that edit them."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)

    panels = [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [index.SearchField("introduction"), index.SearchField("body")]

    class Meta:
        abstract = True


class HomePage(SharedPageLookupsMixin, BodyPageMixin, Page):  # noqa: DJ008 (Page provides __str__)
    """The front page: what the company offers, a way into the directory and the forms,
    the newest companies and how to reach the company, each an editable block."""

    body = StreamField(FrontPageStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + BodyPageMixin.panels
    search_fields = Page.search_fields + BodyPageMixin.search_fields
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Route in this language's tree; a path missing from it is looked up in the
        default language's tree, so an untranslated page is served in Finnish (with a
        note, see `home.wagtail_hooks`) instead of a 404."""
        try:
            return super().route(request, path_components)
        except Http404:
            original = self.default_language_home()
            if original is None:
                raise
            return original.route(request, path_components)

    def default_language_home(self):
        """The live home page of the default language, unless this is it."""
        default = Locale.get_default()
        if self.locale_id == default.pk:
            return None
        original = self.get_translation_or_none(default)
        return original.specific if original is not None and original.live else None


class StandardPage(SharedPageLookupsMixin, BodyPageMixin, Page):  # noqa: DJ008 (Page provides __str__)
    content_panels = Page.content_panels + BodyPageMixin.panels
    search_fields = Page.search_fields + BodyPageMixin.search_fields

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    """The controller named in the privacy notice, kept in one place for the whole site."""

    controller_name = models.CharField(_("controller name"), max_length=255)
    site_name = models.CharField(
        _("site name"),
        max_length=60,
        blank=True,
        help_text=_("The short name in the header and page titles; empty: the controller name."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown beside the site name in the header of every page."),
    )
    street_address = models.CharField(_("street address"), max_length=255, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    business_id = models.CharField(
        _("business ID"),
        max_length=9,
        blank=True,
        validators=[validate_business_id],
        help_text=_("Finnish business ID (Y-tunnus), for example 1234567-8."),
    )
    privacy_contact_name = models.CharField(_("privacy contact person"), max_length=255, blank=True)
    privacy_contact_phone = models.CharField(_("privacy contact phone"), max_length=40, blank=True)
    privacy_contact_email = models.EmailField(_("privacy contact email"), blank=True)
    privacy_notice = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the header and footer of every page."),
    )
    accessibility_statement = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from the footer of every page."),
    )

    select_related = ["privacy_notice", "accessibility_statement", "logo"]

    panels = [
        MultiFieldPanel([FieldPanel("site_name"), FieldPanel("logo")], heading=_("Site identity")),
        MultiFieldPanel(
            [
                FieldPanel("controller_name"),
                FieldPanel("street_address"),
                FieldPanel("postcode"),
                FieldPanel("city"),
                FieldPanel("business_id"),
            ],
            heading=_("Controller"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("privacy_contact_name"),
                FieldPanel("privacy_contact_phone"),
                FieldPanel("privacy_contact_email"),
            ],
            heading=_("Contact person for the register"),
        ),
        PageChooserPanel("privacy_notice"),
        PageChooserPanel("accessibility_statement", "home.AccessibilityStatementPage"),
    ]

    class Meta:
        verbose_name = _("organisation")

    @property
    def postal_address_lines(self):
        """The address as it is written on an envelope, empty lines left out."""
        city_line = " ".join(part for part in (self.postcode, self.city) if part)
        return [line for line in (self.controller_name, self.street_address, city_line) if line]


# Page types kept in modules of their own; imported here so that Django registers them.
from .accessibility import AccessibilityStatementPage  # noqa: E402, F401
