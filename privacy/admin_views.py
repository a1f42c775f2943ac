"""Staff views: the request queue and screen, retention runs, disclosures, the art. 30 record.

Each view checks a permission; actions on a request are audited by the model.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from . import emails, links, services
from .forms import (
    CloseForm,
    DisclosureForm,
    ExtensionForm,
    IdentityCheckForm,
    RectificationForm,
    StaffRequestForm,
)
from .inventory import personal_entries
from .models import DataSubjectRequest, Disclosure, ErasureLedgerEntry, RetentionRun
from .processing_record import record_of_processing
from .providers import registered

Kind = DataSubjectRequest.Kind
Status = DataSubjectRequest.Status


def _render(request, template, title, icon="lock", **context):
    return TemplateResponse(
        request,
        template,
        {"page_title": title, "header_title": title, "header_icon": icon, **context},
    )


@permission_required("privacy.view_datasubjectrequest", raise_exception=True)
def request_index(request):
    status = request.GET.get("status", Status.OPEN)
    requests = DataSubjectRequest.objects.all()
    if status in Status.values:
        requests = requests.filter(status=status)
    return _render(
        request,
        "privacy/admin/request_index.html",
        _("Data subject requests"),
        requests=requests.select_related("handled_by")[:500],
        statuses=Status.choices,
        status=status,
        can_record=request.user.has_perm("privacy.add_datasubjectrequest"),
    )


@permission_required("privacy.add_datasubjectrequest", raise_exception=True)
def request_create(request):
    """Record a request that came by phone, letter, email or at the desk."""
    form = StaffRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        subject_request = DataSubjectRequest.record_by_staff(
            request.user, data.pop("received_on"), **data
        )
        messages.success(
            request,
            _("Request #%(number)s was recorded; answer it by %(due)s.")
            % {"number": subject_request.pk, "due": date_format(subject_request.due_on)},
        )
        return redirect("privacy_admin:request", subject_request.pk)
    return _render(
        request,
        "privacy/admin/request_create.html",
        _("Record a request"),
        form=form,
    )


@permission_required("privacy.view_datasubjectrequest", raise_exception=True)
def request_detail(request, pk):
    subject_request = get_object_or_404(DataSubjectRequest, pk=pk)
    log(subject_request, "privacy.request.view", user=request.user, title=f"request #{pk}")
    can_change = request.user.has_perm("privacy.change_datasubjectrequest")
    rectification = None
    if subject_request.kind == Kind.RECTIFICATION and subject_request.is_open and can_change:
        rectification = RectificationForm(
            fields=services.rectifiable(services.request_subject(subject_request))
        )
    return _render(
        request,
        "privacy/admin/request_detail.html",
        _("Request #%(number)s") % {"number": pk},
        subject_request=subject_request,
        can_change=can_change,
        identity_form=IdentityCheckForm(),
        extension_form=ExtensionForm(),
        close_form=CloseForm(),
        rectification_form=rectification,
        rectifications=subject_request.rectifications.all(),
    )


def _changeable(request, pk):
    if not request.user.has_perm("privacy.change_datasubjectrequest"):
        raise PermissionDenied
    return get_object_or_404(DataSubjectRequest, pk=pk)


@require_POST
def request_identity(request, pk):
    subject_request = _changeable(request, pk)
    form = IdentityCheckForm(request.POST)
    if form.is_valid():
        subject_request.record_identity_check(
            request.user, form.cleaned_data["method"], form.cleaned_data["how"]
        )
        messages.success(request, _("The identity check was recorded."))
    else:
        messages.error(request, _("Say how the identity was checked."))
    return redirect("privacy_admin:request", pk)


@require_POST
def request_extend(request, pk):
    subject_request = _changeable(request, pk)
    form = ExtensionForm(request.POST)
    if form.is_valid():
        try:
            subject_request.extend(
                request.user, form.cleaned_data["months"], form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            emails.send_extension(subject_request)
            messages.success(request, _("The deadline was extended and the requester told why."))
    else:
        messages.error(request, _("Give the months and the reason."))
    return redirect("privacy_admin:request", pk)


@require_POST
def request_rectify(request, pk):
    subject_request = _changeable(request, pk)
    form = RectificationForm(
        request.POST, fields=services.rectifiable(services.request_subject(subject_request))
    )
    if form.is_valid():
        try:
            records = services.rectify_subject(subject_request, request.user, form.changes())
        except (ValidationError, ValueError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("%(count)s corrections applied.") % {"count": len(records)})
    return redirect("privacy_admin:request", pk)


@require_POST
def request_close(request, pk):
    """Complete the request as its kind requires, or refuse it."""
    subject_request = _changeable(request, pk)
    if not subject_request.is_open:
        messages.error(request, _("Only an open request can be closed."))
        return redirect("privacy_admin:request", pk)
    form = CloseForm(request.POST)
    form.is_valid()
    outcome = form.cleaned_data.get("outcome", "")
    address = subject_request.email
    if request.POST.get("action") == "refuse":
        if not outcome:
            messages.error(request, _("Give the reason for refusing; it is sent to the requester."))
            return redirect("privacy_admin:request", pk)
        subject_request.close(request.user, Status.REFUSED, outcome)
        emails.send_closed(subject_request)
        messages.success(request, _("The request was refused and the requester told why."))
        return redirect("privacy_admin:request", pk)
    if not subject_request.identity_confirmed:
        messages.error(request, _("The requester's identity has not been confirmed."))
        return redirect("privacy_admin:request", pk)
    if subject_request.needs_identity_check:
        messages.error(
            request,
            _("Record how the requester's identity was verified before completing the request."),
        )
        return redirect("privacy_admin:request", pk)

    kind = subject_request.kind
    if kind == Kind.ACCESS:
        token = services.complete_access(subject_request, request.user)
        subject_request.outcome = outcome
        subject_request.save(update_fields=["outcome"])
        emails.send_closed(
            subject_request, download_url=request.build_absolute_uri(links.export_url(token))
        )
    elif kind == Kind.ERASURE:
        services.complete_erasure(subject_request, request.user)
        subject_request.outcome = outcome
        emails.send_closed(subject_request, address=address)
        subject_request.outcome = ""
    elif kind in (Kind.RESTRICTION, Kind.OBJECTION):
        services.complete_restriction(subject_request, request.user)
        subject_request.outcome = outcome
        subject_request.save(update_fields=["outcome"])
        emails.send_closed(subject_request)
    else:  # rectification: corrections were applied above
        subject_request.close(request.user, Status.COMPLETED, outcome)
        emails.send_closed(subject_request)
    messages.success(request, _("The request was completed and the requester told."))
    return redirect("privacy_admin:request", pk)


@permission_required("privacy.view_retentionrun", raise_exception=True)
def retention_index(request):
    return _render(
        request,
        "privacy/admin/retention_index.html",
        _("Retention runs"),
        icon="history",
        runs=RetentionRun.objects.all()[:200],
        ledger_size=ErasureLedgerEntry.objects.count(),
    )


@permission_required("privacy.view_disclosure", raise_exception=True)
def disclosure_index(request):
    return _render(
        request,
        "privacy/admin/disclosure_index.html",
        _("Disclosure log"),
        icon="upload",
        disclosures=Disclosure.objects.select_related("disclosed_by")[:500],
    )


def _disclosable_field_choices():
    choices = []
    for provider in registered():
        choices.extend(
            (key, str(label)) for key, label in getattr(provider, "disclosable_fields", {}).items()
        )
    return choices


@permission_required("privacy.add_disclosure", raise_exception=True)
def disclosure_create(request):
    form = DisclosureForm(request.POST or None, field_choices=_disclosable_field_choices())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.disclose(
                user=request.user,
                recipient=data["recipient"],
                recipient_category=data["recipient_category"],
                purpose=data["purpose"],
                legal_basis=data["legal_basis"],
                fields=data["disclosed_fields"],
                contact_ids=data["contact_ids"],
                outside_eea=data["outside_eea"],
                safeguard=data["safeguard"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            response = HttpResponse(result.csv(), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = (
                f'attachment; filename="disclosure-{result.disclosure.pk}.csv"'
            )
            return response
    return _render(
        request,
        "privacy/admin/disclosure_form.html",
        _("Disclose contacts"),
        icon="upload",
        form=form,
    )


@permission_required("privacy.view_processing_record", raise_exception=True)
def processing_record(request):
    log_user = request.user
    record = record_of_processing(request)
    return _render(
        request,
        "privacy/admin/processing_record.html",
        _("Record of processing activities"),
        icon="doc-full",
        record=record,
        personal_fields=personal_entries(),
        generated_at=timezone.now(),
        user=log_user,
    )
