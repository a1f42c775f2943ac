from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


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


class LinkCardBlock(blocks.StructBlock):
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
