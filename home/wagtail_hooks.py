from django.shortcuts import redirect
from wagtail import hooks

from .languages import FALLBACK_ATTRIBUTE, served_in_other_language


@hooks.register("before_serve_page")
def serve_the_visitors_language(page, request, serve_args, serve_kwargs):
    """Send the visitor to the page's translation in their language where one is live;
    otherwise mark the request so that the page says it is shown in another language."""
    translation, shown_in = served_in_other_language(page, request)
    if translation is not None:
        return redirect(translation.get_url(request))
    if shown_in is not None:
        setattr(request, FALLBACK_ATTRIBUTE, shown_in)
    return None
