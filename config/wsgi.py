import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()

# gunicorn loads this module once in its master (preload_app) and forks the workers
# from it: they start with the templates, translations and URLs loaded.
from ops.warmup import warm_up  # noqa: E402 (needs the app loaded)

warm_up()
