"""The privacy notice in force when a form is shown or sent."""

from wagtail.models import Site

from home.models import OrganisationSettings
from privacy.models import PrivacyNoticePage


def notice_in_force(form_page, request=None):
    """The live notice the organisation settings name, else the one live notice there is."""
    site = Site.find_for_request(request) if request is not None else form_page.get_site()
    if site is not None:
        settings = OrganisationSettings.for_site(site)
        notice = settings.privacy_notice
        if notice is not None and notice.live:
            notice = notice.specific
            if isinstance(notice, PrivacyNoticePage):
                return notice
    return PrivacyNoticePage.objects.live().order_by("pk").first()
