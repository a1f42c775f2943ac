"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Without Chromium on the machine these tests skip and say why; `.ci/run`
installs it, so in CI they always run.
"""

import os
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from django.contrib.auth.models import Group

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# The live server runs in a thread beside Playwright's event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    have_chromium = os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            if not have_chromium:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def site_url(live_server, demo_site):
    """The live server's address, with the demo site answering on it."""
    return live_server.url


@pytest.fixture
def manager(django_user_model, demo_site):
    """A member of Registry managers: they keep the register and decide directory applications."""
    user = django_user_model.objects.create_user("rekisteri", "rekisteri@example.fi")
    user.groups.add(Group.objects.get(name="Registry managers"))
    return user


@pytest.fixture
def axe(page):
    """Run axe-core on the current page; return WCAG 2.1 A and AA violations."""
    if not AXE.exists():
        pytest.skip(f"axe-core not installed at {AXE} (npm ci)")

    # Served as a same-origin file, not inlined: the site's Content-Security-Policy
    # allows scripts from 'self' only.
    page.route(
        "**/__axe-core.js",
        lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"),
    )

    def check(context=None):
        page.add_script_tag(url=urljoin(page.url, "/__axe-core.js"))
        result = page.evaluate(
            """async (context) => await axe.run(context || document, {
                runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
            })""",
            context,
        )
        return [
            f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(" ".join(node["target"]) for node in v["nodes"])
            for v in result["violations"]
        ]

    return check
