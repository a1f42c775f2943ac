"""Web forms, their submissions, the follow-up steps and proposed changes to the register."""

from .changes import ProposedChange
from .pages import FormField, FormPage, RegisterField
from .submissions import IntakeSubmission, RegistryOutcome, SubmissionStep

__all__ = [
    "FormField",
    "FormPage",
    "IntakeSubmission",
    "ProposedChange",
    "RegisterField",
    "RegistryOutcome",
    "SubmissionStep",
]
