from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from .languages import localized_pages


def in_visitors_language(items):
    """[(item, its chosen page in the visitor's language)], found in one query: a
    template's `page.localized` would ask for the active locale once per page."""
    return list(zip(items, localized_pages([item["page"] for item in items]), strict=True))


class ChosenPageInLanguageMixin:
    """Gives the template `target`: the block's chosen page in the visitor's language."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["target"] = localized_pages([value["page"]])[0]
        return context


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Level 2")), ("h3", _("Level 3")), ("h4", _("Level 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "home/blocks/heading_block.html"
        preview_value = {"text": "Palvelumme yrityksille", "level": "h2"}
        description = _("A section heading. Keep levels in order for screen readers.")


class LinkCardBlock(ChosenPageInLanguageMixin, blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"))
    title = blocks.CharBlock(
        label=_("Title"), required=False, help_text=_("Leave empty to use the page title.")
    )
    text = blocks.TextBlock(label=_("Text"), required=False)

    class Meta:
        icon = "link"
        template = "home/blocks/link_card_block.html"
        preview_value = {"title": "Tietosuojaseloste", "text": "Miten käsittelemme tietojasi."}
        description = _("A highlighted link to another page on the site.")


class BaseStreamBlock(blocks.StreamBlock):
    """The body blocks shared by the site's content pages."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        template="home/blocks/paragraph_block.html",
        preview_value="<p>Miksei auttaa mikkeliläisiä yrityksiä kasvamaan.</p>",
        description=_("Formatted text with links and lists."),
    )
    image = ImageBlock(
        label=_("Image"),
        template="home/blocks/image_block.html",
        description=_("An image with alternative text for screen readers."),
    )
    link_card = LinkCardBlock()


class NonConformityBlock(blocks.StructBlock):
    """One known accessibility problem, as the supervisory authority's model statement
    lists them: what, which WCAG criteria, why, and how to get the content otherwise."""

    content = blocks.CharBlock(label=_("Content or function"), max_length=200)
    criteria = blocks.CharBlock(
        label=_("WCAG criteria not met"),
        max_length=200,
        help_text=_("For example 1.2.2 Captions (Prerecorded)."),
    )
    description = blocks.TextBlock(label=_("What the problem is"))
    reason = blocks.ChoiceBlock(
        label=_("Reason"),
        choices=[
            ("non_compliance", _("Does not yet meet the requirements")),
            ("disproportionate_burden", _("Disproportionate burden")),
            ("outside_scope", _("Outside the scope of the law")),
        ],
        default="non_compliance",
    )
    workaround = blocks.TextBlock(
        label=_("How to get the content otherwise"),
        required=False,
        help_text=_("An accessible alternative, or whom to ask for the content."),
    )
    fix_expected = blocks.CharBlock(
        label=_("Fix expected"), required=False, max_length=100, help_text=_("For example 6/2027.")
    )

    class Meta:
        icon = "warning"
        template = "home/blocks/non_conformity_block.html"
        preview_value = {
            "content": "PDF-liitteet",
            "criteria": "1.3.1 Informaatio ja suhteet",
            "description": "Vanhoissa PDF-tiedostoissa ei ole otsikkorakennetta.",
            "reason": "non_compliance",
            "workaround": "Pyydä tiedosto saavutettavassa muodossa sähköpostitse.",
        }
        description = _("A known accessibility problem, why it exists and how to work around it.")


class NonConformitiesBlock(blocks.StreamBlock):
    non_conformity = NonConformityBlock(label=_("Non-conformity"))


# -- the front page ------------------------------------------------------------------


class OfferBlock(blocks.StructBlock):
    """One thing the company does for businesses, optionally with a page about it."""

    title = blocks.CharBlock(label=_("Title"), max_length=80)
    text = blocks.TextBlock(label=_("Text"))
    page = blocks.PageChooserBlock(label=_("Page"), required=False)

    class Meta:
        icon = "tick"


class OffersBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    offers = blocks.ListBlock(OfferBlock(), label=_("What we offer"))

    class Meta:
        icon = "list-ul"
        template = "home/blocks/offers_block.html"
        preview_value = {
            "heading": "Palvelumme",
            "offers": [{"title": "Yrityksen perustaminen", "text": "Neuvontaa alkuun."}],
        }
        description = _("What the company offers businesses, as a row of short cards.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["offers"] = in_visitors_language(value["offers"])
        return context


class DirectorySearchBlock(blocks.StructBlock):
    """A search box that sends the visitor's words to the company directory."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    directory = blocks.PageChooserBlock(
        label=_("Company directory"), page_type="directory.DirectoryIndexPage"
    )

    class Meta:
        icon = "search"
        template = "home/blocks/directory_search_block.html"
        description = _("A search box for the company directory.")


class FeaturedPagesBlock(blocks.StructBlock):
    """A heading over link cards, for example the site's forms."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    pages = blocks.ListBlock(LinkCardBlock(), label=_("Pages"))

    class Meta:
        icon = "doc-full"
        template = "home/blocks/featured_pages_block.html"
        description = _("A heading and links to pages, for example the forms.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["cards"] = in_visitors_language(value["pages"])
        return context


class NewestCompaniesBlock(blocks.StructBlock):
    """The companies most recently listed in the chosen directory."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    directory = blocks.PageChooserBlock(
        label=_("Company directory"), page_type="directory.DirectoryIndexPage"
    )
    count = blocks.IntegerBlock(label=_("How many"), min_value=1, max_value=12, default=4)

    class Meta:
        icon = "group"
        template = "home/blocks/newest_companies_block.html"
        description = _("The newest public companies of the directory, with links to them.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        directory = value["directory"]
        # The directory page knows its listings; this app only asks it (no import).
        context["directory"] = directory.localized.specific if directory else None
        context["companies"] = (
            context["directory"].newest_companies(value["count"]) if directory else []
        )
        return context


class ContactBlock(ChosenPageInLanguageMixin, blocks.StructBlock):
    """How to reach the company; the postal address comes from the organisation settings."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"), required=False)
    phone = blocks.CharBlock(label=_("Phone"), required=False, max_length=40)
    email = blocks.EmailBlock(label=_("Email"), required=False)
    page = blocks.PageChooserBlock(label=_("Contact form"), required=False)

    class Meta:
        icon = "mail"
        template = "home/blocks/contact_block.html"
        description = _("Contact details, with the address from the organisation settings.")


class FrontPageStreamBlock(BaseStreamBlock):
    """The front page's blocks: the shared ones and those only the front page needs."""

    offers = OffersBlock(label=_("What we offer"))
    directory_search = DirectorySearchBlock(label=_("Directory search"))
    featured_pages = FeaturedPagesBlock(label=_("Featured pages"))
    newest_companies = NewestCompaniesBlock(label=_("Newest companies"))
    contact = ContactBlock(label=_("Contact"))
