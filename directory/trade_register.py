"""A company the Trade Register reports ceased or bankrupt leaves the public directory,
and the directory's staff are told by email."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.log_actions import log

from registry.models import TradeRegisterState
from registry.models.choices import ENDED_STATES
from registry.trade_register.signals import state_changed

from .models import Listing

HIDDEN_BY_TRADE_REGISTER = "directory.listing.hidden_by_trade_register"


def listing_staff_addresses():
    """Everyone who moderates listings (directory.change_listing) and has an address."""
    users = get_user_model().objects.with_perm(
        "directory.change_listing", backend="django.contrib.auth.backends.ModelBackend"
    )
    return sorted({user.email for user in users.filter(is_active=True) if user.email})


@receiver(state_changed, dispatch_uid="directory_trade_register_state_changed")
def hide_ended_company(sender, organisation, previous, state, **kwargs):
    if state not in ENDED_STATES:
        return None
    listing = Listing.objects.filter(organisation=organisation).first()
    if listing is None or listing.status == Listing.Status.HIDDEN:
        return None
    listing.status = Listing.Status.HIDDEN
    listing.save()
    log(
        instance=listing,
        action=HIDDEN_BY_TRADE_REGISTER,
        user=None,
        data={"organisation_id": organisation.pk, "state": state},
    )
    recipients = listing_staff_addresses()
    if recipients:
        url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
            "wagtailsnippets_directory_listing:edit", args=[listing.pk]
        )
        with override(settings.LANGUAGE_CODE):
            subject = _("A listing was hidden: %(name)s") % {"name": listing.name}
            body = _(
                "The Trade Register reports %(name)s (%(business_id)s) as %(state)s. Its "
                "listing was taken off the public directory.\n\n%(url)s"
            ) % {
                "name": listing.name,
                "business_id": organisation.business_id,
                "state": TradeRegisterState(state).label.lower(),
                "url": url,
            }
        # Stored in the outbox within this transaction (ops.outbox), sent after it.
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    return listing
