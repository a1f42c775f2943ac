"""gunicorn's master loads the templates, translations and URLs before forking workers."""

import gc
import importlib.util
from types import SimpleNamespace

from django.conf import settings
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


def gunicorn_config():
    path = settings.BASE_DIR / "config" / "gunicorn.py"
    spec = importlib.util.spec_from_file_location("gunicorn_config", path)
    config = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(config)
    return config


def test_gunicorns_master_warms_up_when_it_has_loaded_the_app():
    config = gunicorn_config()
    assert config.preload_app
    (loader,) = engines["django"].engine.template_loaders

    loader.reset()
    config.when_ready(SimpleNamespace(cfg=SimpleNamespace(preload_app=False)))
    assert "base.html" not in cached_templates()

    try:
        config.when_ready(SimpleNamespace(cfg=SimpleNamespace(preload_app=True)))
    finally:
        gc.unfreeze()
    assert "base.html" in cached_templates()
