"""Staff decisions on values a submission proposed for a contact."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from registry.trade_register.sync import FIELDS, accept_value

from .models import ProposedChange
from .registry_sync import CONTACT_FIELDS

ACCEPT = "intake.proposed_change.accept"
REJECT = "intake.proposed_change.reject"


class AlreadyDecided(Exception):
    pass


class ContactRestricted(Exception):
    pass


def decide(change_id, user, accept):
    """Accept (write the value to the contact or organisation) or reject a pending change;
    audited."""
    with transaction.atomic():
        change = (
            ProposedChange.objects.select_for_update(of=("self",))
            .select_related("contact")
            .filter(pk=change_id, status=ProposedChange.Status.PENDING)
            .first()
        )
        if change is None:
            raise AlreadyDecided(change_id)
        if accept and change.from_trade_register:
            if change.field not in FIELDS:
                raise ValueError(f"{change.field} is not a field the Trade Register holds")
            accept_value(change.organisation_id, change.field, change.proposed_value)
        elif accept:
            contact = change.contact
            if contact.processing_restricted:
                raise ContactRestricted(change_id)
            if change.field not in CONTACT_FIELDS:
                raise ValueError(f"{change.field} is not a contact field")
            setattr(contact, change.field, change.proposed_value)
            contact.save(update_fields=[change.field, "updated_at"])
        change.status = ProposedChange.Status.ACCEPTED if accept else ProposedChange.Status.REJECTED
        change.decided_at = timezone.now()
        change.decided_by = user
        change.save(update_fields=["status", "decided_at", "decided_by"])
        # The entry names the change, the contact's id and the field, never the values.
        log(
            instance=change,
            action=ACCEPT if accept else REJECT,
            user=user,
            data=(
                {"organisation_id": change.organisation_id, "field": change.field}
                if change.from_trade_register
                else {"contact_id": change.contact_id, "field": change.field}
            ),
        )
    return change
