from django.core.management.base import BaseCommand, CommandError

from registry.models import Organisation
from registry.trade_register.refresh import refresh_all, refresh_organisations


class Command(BaseCommand):
    help = (
        "Refresh organisations from the Trade Register (PRH / YTJ open data): every "
        "organisation with a business ID (--all) or the ones named."
    )

    def add_arguments(self, parser):
        parser.add_argument("business_ids", nargs="*", metavar="BUSINESS_ID")
        parser.add_argument("--all", action="store_true", help="every organisation")

    def handle(self, *args, business_ids, all, **options):
        if all == bool(business_ids):
            raise CommandError("Give --all or one or more business IDs, not both.")
        if all:
            report = refresh_all()
        else:
            organisations = list(Organisation.objects.filter(business_id__in=business_ids))
            unknown = sorted(set(business_ids) - {org.business_id for org in organisations})
            if unknown:
                raise CommandError(f"No organisation has these business IDs: {', '.join(unknown)}")
            report = refresh_organisations(organisations)
        self.stdout.write(
            f"{len(report.outcomes)} checked, {len(report.updated)} updated, "
            f"{len(report.proposed)} with proposed changes, "
            f"{len(report.state_changes)} changed state, {len(report.not_found)} not found, "
            f"{len(report.failed)} unreadable; {report.requests} requests"
            + (" (bulk file)" if report.bulk else "")
        )
        for outcome in report.state_changes:
            self.stdout.write(f"organisation #{outcome.organisation_id}: now {outcome.state}")
        for business_id in report.not_found:
            self.stdout.write(f"{business_id}: not in the Trade Register")
        for business_id, reason in sorted(report.failed.items()):
            self.stdout.write(f"{business_id}: unreadable answer ({reason}), left as it was")
        if report.stopped:
            raise CommandError(f"The Trade Register stopped answering: {report.stopped}")
