from django.apps import AppConfig
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _
from wagtail.signals import page_published


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = _("Web forms")

    def ready(self):
        # Models and their receivers can be imported only once apps are loaded.
        from . import trade_register  # noqa: F401 (keeps the register's proposed values)
        from .models import FormPage, IntakeSubmission
        from .signals import form_published, submission_deleted

        post_delete.connect(
            submission_deleted, sender=IntakeSubmission, dispatch_uid="intake_submission_deleted"
        )
        page_published.connect(
            form_published, sender=FormPage, dispatch_uid="intake_form_consent_version"
        )
