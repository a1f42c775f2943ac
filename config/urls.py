from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home.sitemaps import sitemap
from home.views import FaviconView

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("ops.urls")),
    path("sitemap.xml", sitemap),
    path("favicon.ico", FaviconView.as_view()),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving catches everything else, so it comes last. Finnish
# pages keep their unprefixed URLs (/tietosuojaseloste/); Swedish and English
# ones live under /sv/ and /en/. /admin/ and /documents/ stay unprefixed.
urlpatterns += i18n_patterns(
    path("tietosuoja/", include("privacy.urls")),
    path("suostumukset/", include("intake.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# A database outage anywhere in a request gets the friendly 503 page.
handler500 = "ops.faults.server_error"
