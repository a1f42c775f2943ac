"""Values a Trade Register refresh did not write, kept as proposed changes for staff.

A value staff already have before them, or rejected before, is not proposed again.
"""

from django.dispatch import receiver

from registry.trade_register.signals import value_proposed

from .models import ProposedChange


@receiver(value_proposed, dispatch_uid="intake_trade_register_value_proposed")
def keep_proposed_value(sender, organisation, field, current_value, proposed_value, **kwargs):
    seen = ProposedChange.objects.filter(
        organisation=organisation,
        field=field,
        proposed_value=proposed_value,
        status__in=[ProposedChange.Status.PENDING, ProposedChange.Status.REJECTED],
    )
    if seen.exists():
        return None
    # An older pending value from the register is outdated by this one.
    ProposedChange.objects.filter(
        organisation=organisation, field=field, status=ProposedChange.Status.PENDING
    ).delete()
    return ProposedChange.objects.create(
        organisation=organisation,
        field=field,
        current_value=current_value,
        proposed_value=proposed_value,
    )
