"""gunicorn's master loads the templates, translations and URLs before forking workers."""

import gc
import importlib

from django.template import engines

from ops.warmup import site_templates, warm_up


def cached_templates():
    (loader,) = engines["django"].engine.template_loaders  # the cached loader
    return loader.get_template_cache


def test_the_warm_up_compiles_every_site_template_without_the_database():
    # No django_db mark: touching the database here would fail the test.
    try:
        warm_up()
    finally:
        gc.unfreeze()
    names = list(site_templates())
    assert "base.html" in names
    assert "directory/includes/results.html" in names
    assert "intake/includes/form_article.html" in names
    assert not any(name.startswith(("wagtailadmin/", "admin/")) for name in names)
    assert set(names) <= set(cached_templates())


def test_the_wsgi_application_warms_up_when_gunicorn_loads_it():
    (loader,) = engines["django"].engine.template_loaders
    loader.reset()
    try:
        import config.wsgi

        importlib.reload(config.wsgi)
    finally:
        gc.unfreeze()
    assert "base.html" in cached_templates()
