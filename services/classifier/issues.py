"""Input problems the classifier reports, as FHIR OperationOutcome.issue entries (shared.errors.Issue)."""

from shared.errors import Issue


class ClassifierInputError(ValueError):
    """The input cannot be classified at all (no Patient, two Patients, not a Bundle, ...)."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__("; ".join(issue.diagnostics for issue in issues))


def resource_label(resource: dict) -> str:
    """'Observation/abc' for messages; the id is what lets a caller find the offending resource."""
    return f"{resource.get('resourceType', 'Resource')}/{resource.get('id', '(no id)')}"
