from urllib.parse import urlsplit

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site


class Command(BaseCommand):
    help = (
        "Set the default site's root URL (host name and port), from which hreflang links, "
        "the sitemap, feeds and emailed links are built. Example: "
        "manage.py set_site_url https://miksei.fi"
    )

    def add_arguments(self, parser):
        parser.add_argument("url", help="scheme, host and port, e.g. http://127.0.0.1:8200")

    def handle(self, url, **options):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise CommandError(f"Not a site address: {url!r} (e.g. https://miksei.fi)")
        # Wagtail writes port 80 as http:// and 443 as https://; other ports as given.
        port = parts.port or (443 if parts.scheme == "https" else 80)
        if parts.scheme == "https" and port != 443:
            raise CommandError("Wagtail serves https only on port 443; put a proxy in front.")
        site = Site.objects.get(is_default_site=True)
        site.hostname, site.port = parts.hostname, port
        site.save()
        self.stdout.write(f"The site's root URL is {site.root_url}.")
