"""Security headers: Content-Security-Policy and Permissions-Policy.

Content-Security-Policy: one strict policy for the site, a documented loosening for the admin.

The public site runs under ``settings.CONTENT_SECURITY_POLICY`` as it stands:
scripts, styles, fonts and images from this origin only, no inline code, no
plugins, no framing. JSON-LD blocks are data, not script, so they need nothing.

Wagtail 8's admin still renders some inline ``<script>`` (date pickers, inline
panels) and sets ``style`` attributes, so under the admin prefix the directives in
``settings.ADMIN_CONTENT_SECURITY_POLICY_UPDATE`` are added: ``'unsafe-inline'`` for
scripts and styles, ``blob:`` images for upload previews, and ``frame-ancestors
'self'`` so the editor's live preview can frame the preview view.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse


class SiteAndAdminCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path.startswith(reverse("wagtailadmin_home")):
            parts.replace = {**admin_directives(), **(parts.replace or {})}
        return parts


def admin_directives():
    """The site's directives that the admin changes, with the admin's sources added.

    ``'none'`` is dropped where the admin adds a source: ``frame-ancestors 'none'``
    becomes ``frame-ancestors 'self'``.
    """
    site = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    extra = getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY_UPDATE", {})
    return {
        directive: [s for s in site.get(directive, []) if s != "'none'"] + list(sources)
        for directive, sources in extra.items()
    }


class PermissionsPolicyMiddleware:
    """Send ``Permissions-Policy`` from ``settings.PERMISSIONS_POLICY`` (feature -> allowlist).

    An empty allowlist, ``[]``, turns the feature off for the page and every frame in it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        policy = getattr(settings, "PERMISSIONS_POLICY", {})
        self.header = ", ".join(
            f"{feature}=({' '.join(allowlist)})" for feature, allowlist in policy.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
