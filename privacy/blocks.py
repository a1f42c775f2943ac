from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class NoticeSectionBlock(blocks.StructBlock):
    """A numbered section of the notice; the number comes from its position."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200)

    class Meta:
        icon = "doc-full"


class TextSectionBlock(NoticeSectionBlock):
    body = blocks.RichTextBlock(
        label=_("Text"),
        features=["bold", "italic", "link", "ol", "ul", "h3", "h4"],
    )

    class Meta:
        template = "privacy/blocks/text_section.html"
        preview_value = {
            "heading": "Rekisterin nimi",
            "body": "<p>Organisaation asiakas- ja sidosryhmärekisteri.</p>",
        }
        description = _("A section of the notice written here.")


class DataContentSectionBlock(TextSectionBlock):
    """The register's data content, followed by the retention sentence from the setting.

    The system's personal-data inventory is compared with this section's text;
    staff see any disagreement on the admin dashboard.
    """

    class Meta:
        icon = "list-ul"
        template = "privacy/blocks/data_content_section.html"
        preview_value = {
            "heading": "Rekisterin tietosisältö",
            "body": "<p>Rekisteriin tallennettavia tietoja ovat: henkilön nimi.</p>",
        }
        description = _(
            "What data the register holds. The retention period is added from the settings."
        )


class ControllerSectionBlock(NoticeSectionBlock):
    class Meta:
        icon = "site"
        template = "privacy/blocks/controller_section.html"
        preview_value = {"heading": "Rekisterinpitäjä"}
        description = _(
            "The controller's name, address and business ID, taken from the organisation settings."
        )


class ContactPersonSectionBlock(NoticeSectionBlock):
    class Meta:
        icon = "user"
        template = "privacy/blocks/contact_person_section.html"
        preview_value = {"heading": "Rekisteristä vastaava yhteyshenkilö"}
        description = _(
            "The register's contact person, phone and email, taken from the organisation settings."
        )


class NoticeSectionsBlock(blocks.StreamBlock):
    text_section = TextSectionBlock(label=_("Section"))
    data_content = DataContentSectionBlock(label=_("Data content (with retention period)"))
    controller = ControllerSectionBlock(label=_("Controller (from settings)"))
    contact_person = ContactPersonSectionBlock(label=_("Contact person (from settings)"))

    class Meta:
        min_num = 1
