import time

from django.core.management.base import BaseCommand

from intake.tasks import enqueue_due_steps


class Command(BaseCommand):
    help = (
        "Enqueue the follow-up steps of form submissions that are due: failed ones whose "
        "next attempt has come, and ones never started. Run it every minute (cron), or "
        "once with --loop beside `manage.py db_worker`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Keep running, sweeping every SECONDS seconds.",
        )

    def handle(self, *args, loop=0, **options):
        while True:
            count = enqueue_due_steps()
            if count or options["verbosity"] > 1:
                self.stdout.write(f"Enqueued {count} follow-up step(s).")
            if not loop:
                return
            time.sleep(loop)
