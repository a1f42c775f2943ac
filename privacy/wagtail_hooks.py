from django.contrib import messages
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .inventory import compare_with_notice
from .models import DataSubjectRequest, PrivacyNoticePage
from .viewsets import PrivacyViewSetGroup


@hooks.register("register_admin_viewset")
def register_privacy_viewsets():
    return PrivacyViewSetGroup()


class RequestsPanel(Component):
    """Open, due-soon and overdue requests on the dashboard."""

    name = "privacy_requests"
    template_name = "privacy/admin/requests_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        requests = DataSubjectRequest.objects
        return {
            "open_count": requests.open().count(),
            "due_soon": list(requests.due_soon()[:10]),
            "overdue": list(requests.overdue()[:10]),
        }


class NoticeInventoryPanel(Component):
    """Shown when the notice's data content and the personal-data inventory disagree."""

    name = "privacy_notice_inventory"
    template_name = "privacy/admin/notice_inventory_panel.html"
    order = 40

    def __init__(self, notice, disagreements):
        self.notice = notice
        self.disagreements = disagreements

    def get_context_data(self, parent_context):
        return {"notice": self.notice, "disagreements": self.disagreements}


def notice_disagreements():
    notice = PrivacyNoticePage.objects.live().first()
    if notice is None:
        return None, []
    return notice, compare_with_notice(notice.data_content_text())


@hooks.register("construct_homepage_panels")
def add_privacy_panels(request, panels):
    if request.user.has_perm("privacy.view_datasubjectrequest"):
        panels.append(RequestsPanel())
    notice, disagreements = notice_disagreements()
    if disagreements:
        panels.append(NoticeInventoryPanel(notice, disagreements))


@hooks.register("register_log_actions")
def register_privacy_log_actions(actions):
    for action, label in [
        ("privacy.request.receive", _("Request received")),
        ("privacy.request.record", _("Request recorded by staff")),
        ("privacy.request.confirm", _("Requester confirmed their email")),
        ("privacy.request.identity_check", _("Identity check recorded")),
        ("privacy.request.extend", _("Deadline extended")),
        ("privacy.request.view", _("Request viewed")),
        ("privacy.request.rectify", _("Data rectified")),
        ("privacy.request.erase", _("Data erased")),
        ("privacy.request.restrict", _("Processing restricted")),
        ("privacy.request.download", _("Export downloaded")),
        ("privacy.request.new_download_link", _("New download link sent")),
        ("privacy.request.completed", _("Request completed")),
        ("privacy.request.refused", _("Request refused")),
        ("privacy.retention.run", _("Retention applied")),
        ("privacy.retention.dry_run", _("Retention dry run")),
        ("privacy.disclosure", _("Contacts disclosed")),
    ]:
        actions.register_action(action, label, label)


@hooks.register("before_edit_snippet")
def warn_of_restricted_processing(request, instance):
    """A banner on the record of anyone whose processing is restricted (GDPR art. 18)."""
    if request.method == "GET" and getattr(instance, "processing_restricted", False):
        messages.warning(
            request,
            _(
                "Processing of this person's data is restricted: keep it stored, but leave "
                "it out of lists, exports, disclosures and the directory."
            ),
        )
