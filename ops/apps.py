from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the site in production, one job a module: health, faults, headers,
    the mail outbox, the search backlog and Wagtail's search backend, staff sign-in
    (login_throttling, staff_sessions, two_factor), client_address and warmup."""

    name = "ops"
    verbose_name = _("operations")

    def ready(self):
        # The tasks module connects the replay to the backlog; both read models.
        from . import search_backend, search_backlog, tasks  # noqa: F401

        search_backlog.register(search_backend.BACKLOG_INDEX, search_backend.replay_object)
