from django.templatetags.static import static
from django.views.generic import RedirectView


class FaviconView(RedirectView):
    """/favicon.ico, which browsers ask for on a first visit, leads to the static icon."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("favicon.ico")
