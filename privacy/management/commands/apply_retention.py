from django.core.management.base import BaseCommand

from privacy import services


class Command(BaseCommand):
    help = "Erase personal data past the retention period, in batches; counts are recorded."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would go; change nothing."
        )
        parser.add_argument("--batch-size", type=int, default=services.RETENTION_BATCH_SIZE)

    def handle(self, *args, dry_run=False, batch_size=None, **options):
        run = services.apply_retention(dry_run=dry_run, batch_size=batch_size)
        if not dry_run:
            services.purge_expired_exports()
        verb = "Would erase" if dry_run else "Erased"
        for label, count in run.counts.items():
            self.stdout.write(f"{verb} {count} from {label}")
        self.stdout.write(f"Retention run #{run.pk}, cut-off {run.cutoff:%Y-%m-%d}.")
