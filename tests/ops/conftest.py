import os

import pytest
from hypothesis import HealthCheck, settings

from ..search_faults import down_url

# Bounded example counts: "ci" for CI and `make test`, "deep" for a long local run
# (HYPOTHESIS_PROFILE=deep). Requests hit a real database, so no per-example deadline.
settings.register_profile(
    "ci",
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "deep",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture
def elasticsearch_down(settings, notice):
    """Page search configured for an Elasticsearch that does not answer (a closed port)."""
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "ops.search_backend",
            "URLS": [down_url()],
            "INDEX": "miksei_test",
            "TIMEOUT": 1,
        },
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }
    return notice
