from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalBasis(models.TextChoices):
    """The legal bases the privacy notice lists (section 4)."""

    CONSENT = "consent", _("Consent")
    CONTRACT = "contract", _("Contract with the data subject")
    MUNICIPAL_CUSTOMER_WORK = (
        "municipal",
        _("Customer work of municipalities and development companies"),
    )
    LEGITIMATE_INTEREST = "legitimate_interest", _("Legitimate interest of the controller")


class DataSource(models.TextChoices):
    """Where the data came from (the notice's section 6)."""

    WEB_FORM = "web_form", _("Web form")
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")
    SOCIAL_MEDIA = "social_media", _("Social media")
    CONTRACT = "contract", _("Contract")
    MEETING = "meeting", _("Customer meeting")
    PUBLIC_SOURCE = "public_source", _("Public source")
    AUTHORITY = "authority", _("Authority or other third party")


class CustomerEventKind(models.TextChoices):
    FORM_SENT = "form_sent", _("Form sent")
    EMAIL = "email", _("Email")
    PHONE_CALL = "phone_call", _("Phone call")
    MEETING = "meeting", _("Meeting")
    EVENT_ATTENDED = "event_attended", _("Event attended")
    ORDER = "order", _("Order")
    CONTRACT = "contract", _("Contract")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")


class CustomerEventChannel(models.TextChoices):
    WEB = "web", _("Website")
    EMAIL = "email", _("Email")
    PHONE = "phone", _("Phone")
    IN_PERSON = "in_person", _("In person")
    SOCIAL_MEDIA = "social_media", _("Social media")
    POST = "post", _("Post")
    OTHER = "other", _("Other")


class WebLinkKind(models.TextChoices):
    WEBSITE = "website", _("Website")
    FACEBOOK = "facebook", _("Facebook")
    INSTAGRAM = "instagram", _("Instagram")
    LINKEDIN = "linkedin", _("LinkedIn")
    X = "x", _("X (Twitter)")
    YOUTUBE = "youtube", _("YouTube")
    TIKTOK = "tiktok", _("TikTok")
    OTHER = "other", _("Other profile")


class IndustryClassification(models.TextChoices):
    """Statistics Finland's industry classifications; the Trade Register uses TOL 2025
    since 1 January 2026."""

    TOL_2025 = "tol2025", _("TOL 2025")
    TOL_2008 = "tol2008", _("TOL 2008")


class TradeRegisterState(models.TextChoices):
    """What the Trade Register says of a company's life."""

    ACTIVE = "active", _("Active")
    REORGANISATION = "reorganisation", _("In reorganisation")
    LIQUIDATION = "liquidation", _("In liquidation")
    BANKRUPT = "bankrupt", _("Bankrupt")
    CEASED = "ceased", _("Ceased")


# A company in these states has no business in the public directory.
ENDED_STATES = (TradeRegisterState.CEASED, TradeRegisterState.BANKRUPT)
