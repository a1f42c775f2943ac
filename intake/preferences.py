"""The consent preferences page a person reaches from the form's thank-you page or email.

No login: the signed link is the key (see intake.consent_links). A link that is
altered, expired or already used gets a page saying so, and nothing is stored.
"""

from django import forms
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from ops.form_throttling import over_form_limit

from . import consent_links

INVALID = {
    "altered": gettext_lazy("The link is not valid: it may have been cut short or altered."),
    "unknown": gettext_lazy("The link is not valid: it may have been cut short or altered."),
    "expired": gettext_lazy("The link has expired."),
    "used": gettext_lazy("The link has already been used: each link works for one withdrawal."),
}


class WithdrawalForm(forms.Form):
    consents = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Consents to withdraw"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("Choose at least one consent to withdraw.")},
    )

    def __init__(self, *args, consents=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consents"].choices = [
            (
                consent.pk,
                _("%(purpose)s (given %(when)s)")
                % {
                    "purpose": consent.purpose,
                    "when": date_format(localtime(consent.given_at), "SHORT_DATE_FORMAT"),
                },
            )
            for consent in consents
            if consent.is_active
        ]


def _invalid(request, reason, status=400):
    return render(
        request, "intake/consents_link_invalid.html", {"reason": INVALID[reason]}, status=status
    )


def _page(request, link, consents, form, status=200):
    return render(
        request,
        "intake/consents.html",
        {
            "consents": consents,
            "form": form,
            "recording": link.submission.contact_id is None,
            "expires_at": link.expires_at,
        },
        status=status,
    )


@never_cache
def preferences(request, token):
    try:
        link = consent_links.open_link(token)
    except consent_links.InvalidConsentLink as error:
        return _invalid(request, error.reason, status=410 if error.reason != "altered" else 400)
    shown = list(consent_links.consents_shown(link))
    if request.method != "POST":
        return _page(request, link, shown, WithdrawalForm(consents=shown))

    form = WithdrawalForm(request.POST, consents=shown)
    if over_form_limit(request, "intake.consents"):
        form.is_valid()
        form.add_error(
            None,
            _(
                "Too many forms have been sent from your address in a short time. "
                "Wait a minute and send the form again."
            ),
        )
        return _page(request, link, shown, form, status=429)
    if not form.is_valid():
        return _page(request, link, shown, form, status=400)
    try:
        withdrawn = consent_links.withdraw(token, form.cleaned_data["consents"])
    except consent_links.InvalidConsentLink as error:  # used at the same moment elsewhere
        return _invalid(request, error.reason, status=410)
    except ValueError:
        form.add_error("consents", _("Choose at least one consent to withdraw."))
        return _page(request, link, shown, form, status=400)
    return render(request, "intake/consents_withdrawn.html", {"withdrawn": withdrawn})
