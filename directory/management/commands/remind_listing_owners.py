from django.core.management.base import BaseCommand

from directory.jobs import daily_upkeep


class Command(BaseCommand):
    help = (
        "Email the yearly 'is your listing current?' reminders, flag listings left "
        "unconfirmed after two, and drop view counts older than a year. Run daily."
    )

    def handle(self, *args, **options):
        done = daily_upkeep()
        self.stdout.write(
            f"{done['reminded']} listings reminded, {done['flagged']} flagged unconfirmed, "
            f"{done['counts_removed']} old daily counts removed."
        )
