"""Links to the consent preferences page: withdrawing a consent as easily as giving it.

Signed and timestamped with Django's signing, as the owner edit links and the request
confirmation links are, under a salt of their own (a token made for another purpose
does not open this page), and backed by a ConsentLink row that makes each link work
for one withdrawal and expire.
"""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from registry.models import Consent, CustomerEventChannel

from .models import ConsentLink

TOKEN_SALT = "intake.consent_preferences"


class InvalidConsentLink(Exception):
    """Why a link does not open the page: 'altered', 'expired', 'used' or 'unknown'."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


WITHDRAWN_VIA = {
    ConsentLink.Scope.SUBMISSION: _("consent preferences page, link on the form's thank-you page"),
    ConsentLink.Scope.CONTACT: _("consent preferences page, link in the confirmation email"),
}


def issue(submission, scope):
    """A new link for the submission; returns its token."""
    link = ConsentLink.objects.create(submission=submission, scope=scope)
    return signing.dumps({"link": link.pk}, salt=TOKEN_SALT, compress=True)


def url(token, language):
    """The preferences page in the language the form was in."""
    with translation.override(language):
        return reverse("intake:consents", args=[token])


def _checked(token, for_update=False):
    try:
        payload = signing.loads(
            token, salt=TOKEN_SALT, max_age=ConsentLink.VALID_FOR.total_seconds()
        )
    except signing.SignatureExpired as error:
        raise InvalidConsentLink("expired") from error
    except signing.BadSignature as error:
        raise InvalidConsentLink("altered") from error
    links = ConsentLink.objects.select_related("submission__contact")
    if for_update:
        links = links.select_for_update(of=("self",))
    link = links.filter(pk=payload.get("link") if isinstance(payload, dict) else None).first()
    if link is None:
        raise InvalidConsentLink("unknown")  # its submission was erased, or never was
    if link.used_at is not None:
        raise InvalidConsentLink("used")
    if link.expires_at <= timezone.now():
        raise InvalidConsentLink("expired")
    return link


def open_link(token):
    """The link behind a token, still unused and in time; raises InvalidConsentLink."""
    return _checked(token)


def consents_shown(link):
    """The consents the link's holder may see and withdraw: see ConsentLink."""
    submission = link.submission
    if submission.contact_id is None:
        return Consent.objects.none()
    consents = Consent.objects.filter(contact_id=submission.contact_id).select_related(
        "text_version"
    )
    if link.scope == ConsentLink.Scope.SUBMISSION:
        consents = consents.filter(pk=submission.consent_id)
    return consents.order_by("-given_at", "-pk")


def withdraw(token, consent_ids):
    """Withdraw the chosen consents through the link and use it up, all or nothing.

    Returns the consents withdrawn now. Raises InvalidConsentLink (nothing stored)
    when the link is not valid, and ValueError when a chosen consent is not one the
    link shows or none was chosen.
    """
    with transaction.atomic():
        link = _checked(token, for_update=True)
        chosen = list(consents_shown(link).active().filter(pk__in=consent_ids))
        if not chosen or len(chosen) != len(set(consent_ids)):
            raise ValueError("choose one or more of the consents shown")
        now = timezone.now()
        # Staff read the register in the site's first language, whatever the visitor's.
        with translation.override(settings.LANGUAGE_CODE):
            for consent in chosen:
                consent.withdraw(
                    str(WITHDRAWN_VIA[link.scope]), channel=CustomerEventChannel.WEB, when=now
                )
        link.used_at = now
        link.save(update_fields=["used_at"])
    return chosen
