from dataclasses import dataclass

from django.db import models
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from pagecache.lookups import SharedPageLookupsMixin

from ..blocks import NoticeSectionsBlock


@dataclass(frozen=True)
class NumberedSection:
    number: int
    anchor: str
    block: object

    @property
    def heading(self):
        return self.block.value["heading"]


class PrivacyNoticePage(SharedPageLookupsMixin, Page):
    """The register and privacy notice (rekisteri- ja tietosuojaseloste).

    Each numbered section is its own block so editors change one at a time;
    the controller and contact person sections read the organisation settings.
    Publishing keeps a revision, so earlier versions stay in the page history.
    """

    drafted_on = models.DateField(
        _("drafted on"), help_text=_("Shown on the notice as the date it was drawn up.")
    )
    introduction = RichTextField(_("introduction"), features=["bold", "italic", "link"])
    sections = StreamField(NoticeSectionsBlock(), verbose_name=_("sections"))

    content_panels = Page.content_panels + [
        FieldPanel("drafted_on"),
        FieldPanel("introduction"),
        FieldPanel("sections"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("sections"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("privacy notice")

    @property
    def last_changed(self):
        """The date of the latest publish; Wagtail sets it on every publish."""
        return self.last_published_at or self.first_published_at

    @cached_property
    def numbered_sections(self):
        """Sections with their number and a unique, readable anchor for the contents list.
        Read by the template only when the page's shared content is rendered anew."""
        numbered, seen = [], set()
        for number, block in enumerate(self.sections, start=1):
            anchor = slugify(block.value["heading"]) or "section"
            if anchor in seen:
                anchor = f"{anchor}-{number}"
            seen.add(anchor)
            numbered.append(NumberedSection(number, anchor, block))
        return numbered

    def data_content_text(self):
        """The text of the data content section, or None when the notice has none."""
        texts = [
            block.value["body"].source
            for block in self.sections
            if block.block_type == "data_content"
        ]
        return "\n".join(texts) if texts else None
