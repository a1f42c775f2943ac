"""The privacy notice in force when a form is shown or sent."""

from wagtail.models import Site

from home.models import OrganisationSettings
from privacy.models import PrivacyNoticePage


def notice_in_force(form_page, request=None):
    """The live notice the organisation settings name, else the one live notice there is."""
    if request is not None:
        if not hasattr(request, "_intake_notice"):
            request._intake_notice = _find_notice(form_page, request)
        return request._intake_notice
    return _find_notice(form_page, None)


def _find_notice(form_page, request):
    site = Site.find_for_request(request) if request is not None else form_page.get_site()
    if site is not None:
        settings = OrganisationSettings.for_site(site)
        notice = settings.privacy_notice
        if notice is not None and notice.live:
            notice = notice.specific
            if isinstance(notice, PrivacyNoticePage):
                return notice
    return PrivacyNoticePage.objects.live().order_by("pk").first()
