from django.core.management.base import BaseCommand

from privacy import services


class Command(BaseCommand):
    help = (
        "After restoring a backup: erase again everyone the erasure ledger names. "
        "Run it before the restored site is opened to users."
    )

    def handle(self, *args, **options):
        erased = services.reapply_erasures()
        self.stdout.write(f"Erased again: {erased} people.")
