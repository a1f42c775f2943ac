import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.industries import FIXTURE, load_sections
from registry.trade_register.client import TradeRegisterClient
from registry.trade_register.records import TradeRegisterError

LANGUAGES = ("fi", "sv", "en")


class Command(BaseCommand):
    help = (
        "Refresh the TOL 2025 sections' names in directory/fixtures/tol2025.json from the "
        "Trade Register's code list (GET /description?code=TOIMI4, in Finnish, Swedish and "
        "English). Commit the file it writes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=FIXTURE, help="the file to write")

    def handle(self, *args, output, **options):
        client = TradeRegisterClient()
        try:
            lists = {
                language: dict(client.description("TOIMI4", language)) for language in LANGUAGES
            }
        except TradeRegisterError as error:
            raise CommandError(f"The code list could not be fetched: {error.reason}") from error
        sections = load_sections()
        known = {division for section in sections for division in section.divisions}
        renamed = 0
        data = json.loads(FIXTURE.read_text(encoding="utf-8"))
        for item in data["sections"]:
            for language in LANGUAGES:
                name = lists[language].get(item["code"], "").strip()
                if name and name != item["names"].get(language):
                    item["names"][language] = name
                    renamed += 1
        unknown = sorted(
            {code[:2] for code in lists["fi"] if code[:2].isdigit() and code[:2] not in known}
        )
        output.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        self.stdout.write(
            f"{renamed} section names changed; {sum(map(len, lists.values()))} codes read in "
            f"{client.requests_made} requests; written to {output}"
        )
        if unknown:
            self.stderr.write(
                f"Divisions in the code list that no section holds: {', '.join(unknown)}"
            )
