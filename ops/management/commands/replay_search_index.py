from django.core.management.base import BaseCommand

from ops import search_backlog
from ops.models import PendingIndexUpdate


class Command(BaseCommand):
    help = (
        "Send the search-index updates Elasticsearch missed while it was down, each "
        "object as the database holds it now. Safe to run at any time and from cron "
        "every few minutes; a run while Elasticsearch is still down stops at once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--index",
            choices=search_backlog.registered_indexes(),
            help="Replay one index only (default: all).",
        )

    def handle(self, *args, index=None, **options):
        outcome = search_backlog.replay(index)
        waiting = PendingIndexUpdate.objects.all()
        if index:
            waiting = waiting.filter(index=index)
        self.stdout.write(
            f"Sent {outcome.sent}, failed {outcome.failed}, waiting {waiting.count()}."
            + (" Elasticsearch is unreachable; stopped." if outcome.stopped else "")
        )
