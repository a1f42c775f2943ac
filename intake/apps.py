from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = _("Web forms")

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.search import index

        from privacy.providers import register

        from .models import IntakeSubmission
        from .personal_data import ProposedChangeProvider, SubmissionProvider

        register(SubmissionProvider())
        register(ProposedChangeProvider())

        # Submissions are indexed by their own step, so they leave the index here.
        post_delete.connect(
            lambda instance, **kwargs: index.remove_object(instance),
            sender=IntakeSubmission,
            weak=False,
            dispatch_uid="intake_submission_unindex",
        )
