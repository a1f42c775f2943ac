"""Web forms, their submissions, the follow-up steps and proposed changes to the register."""

from .changes import ProposedChange
from .consent_links import ConsentLink
from .pages import FormField, FormPage, RegisterField
from .submissions import IntakeSubmission, RegistryOutcome, SubmissionStep

__all__ = [
    "ConsentLink",
    "FormField",
    "FormPage",
    "IntakeSubmission",
    "ProposedChange",
    "RegisterField",
    "RegistryOutcome",
    "SubmissionStep",
]
