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
