from wagtail.contrib.forms.panels import FormSubmissionsPanel

from .permissions import can_view_submissions


class SubmissionsPanel(FormSubmissionsPanel):
    """Wagtail's submission count and link on the form page, for those who may see them."""

    class BoundPanel(FormSubmissionsPanel.BoundPanel):
        def is_shown(self):
            return can_view_submissions(self.request.user) and super().is_shown()
