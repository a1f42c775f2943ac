"""The privacy notice in force when a form is shown or sent, in the visitor's language."""

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
    # for_request() shares the settings the page's templates already loaded.
    if request is not None:
        settings = OrganisationSettings.for_request(request)
    else:
        site = form_page.get_site()
        settings = OrganisationSettings.for_site(site) if site is not None else None
    notice = None
    if settings is not None and settings.privacy_notice is not None:
        chosen = settings.privacy_notice.specific
        if chosen.live and isinstance(chosen, PrivacyNoticePage):
            notice = chosen
    if notice is None:
        notice = PrivacyNoticePage.objects.live().order_by("pk").first()
    # The version in the visitor's language: the one they read, linked and recorded.
    return notice.localized.specific if notice is not None else None
