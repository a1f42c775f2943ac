from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from ops import outbox
from ops.models import OutgoingEmail


class Command(BaseCommand):
    help = (
        "Retry outgoing email whose back-off has passed, and delete delivered email "
        "older than OUTBOX_KEEP_SENT_DAYS. Run from cron every minute or two."
    )

    def handle(self, *args, **options):
        sent = failed = 0
        for email_id in outbox.due().values_list("pk", flat=True):
            if outbox.deliver(email_id):
                sent += 1
            else:
                failed += 1
        cutoff = timezone.now() - timedelta(days=settings.OUTBOX_KEEP_SENT_DAYS)
        deleted, _ = OutgoingEmail.objects.filter(sent_at__lt=cutoff).delete()
        waiting = OutgoingEmail.objects.filter(sent_at__isnull=True).count()
        self.stdout.write(
            f"Sent {sent}, still failing {failed}, waiting {waiting}, deleted {deleted} old."
        )
