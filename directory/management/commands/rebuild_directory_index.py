from django.core.management.base import BaseCommand

from directory.search.engines import engines


class Command(BaseCommand):
    help = (
        "Rebuild the company directory's search indexes from the public listings. "
        "Elasticsearch gets a new index that replaces the old one by an alias swap, "
        "so searches keep working throughout."
    )

    def handle(self, *args, **options):
        for engine in engines():
            count = engine.rebuild()
            self.stdout.write(f"{engine.name}: {count} public listings indexed.")
