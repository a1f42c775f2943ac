from django.shortcuts import redirect
from wagtail import hooks

from .languages import FALLBACK_ATTRIBUTE, served_address, served_in_other_language, subpath


@hooks.register("before_serve_page")
def serve_the_visitors_language(page, request, serve_args, serve_kwargs):
    """Send the visitor to the page's translation in their language where one is live;
    otherwise mark the request so that the page says it is shown in another language."""
    translation, shown_in = served_in_other_language(page, request)
    if translation is not None:
        # A company page under the directory and a search keep their path and query.
        rest = subpath(request.path, served_address(page, request))
        query = request.META.get("QUERY_STRING", "")
        return redirect(translation.get_url(request) + rest + (f"?{query}" if query else ""))
    if shown_in is not None:
        setattr(request, FALLBACK_ATTRIBUTE, shown_in)
    return None
