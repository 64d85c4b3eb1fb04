"""Structured input problems, shaped as FHIR OperationOutcome.issue entries."""

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["fatal", "error", "warning", "information"]


@dataclass(frozen=True)
class Issue:
    severity: Severity
    code: str  # FHIR issue-type: invalid, value, code-invalid, required, not-supported, structure, ...
    diagnostics: str
    expression: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        issue = {"severity": self.severity, "code": self.code, "diagnostics": self.diagnostics}
        if self.expression:
            issue["expression"] = list(self.expression)
        return issue


class ClassifierInputError(ValueError):
    """The input cannot be classified at all (no Patient, two Patients, not a Bundle, ...)."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__("; ".join(issue.diagnostics for issue in issues))

    def as_dicts(self) -> list[dict]:
        return [issue.as_dict() for issue in self.issues]


def resource_label(resource: dict) -> str:
    """'Observation/abc' for messages; the id is what lets a caller find the offending resource."""
    return f"{resource.get('resourceType', 'Resource')}/{resource.get('id', '(no id)')}"
