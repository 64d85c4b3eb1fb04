"""The datatype judge of ingest: fhirkit-rs (compiled R4 models) in place of the fhir.resources
models, where the R4 layer walks the resource too (decision Intake 27).

Both judges answer the same question beside the R4 walk (r4.py): can every element be read as its
R4 datatype (JSON types, formats, integer ranges, cardinality, unknown elements)? fhirkit-rs does
it for the R4 definitions themselves, about six times faster than the R4B models, so the models'
check was the largest cost of an ingested resource. What it does not judge, the R4 walk does:
the calendar (`2021-02-29`, checked with every date, dateTime and instant's regex: `calendar_ok`),
ids and required bindings. tests/intake/test_compiled_judge.py holds the two judges to the same
verdicts on a corpus of valid and broken resources.
"""

import calendar
import re
from types import ModuleType
from typing import Any

from shared.errors import Issue
from shared.fhir_model import UNKNOWN_ELEMENT

_fhirkit: ModuleType | None
try:  # a compiled wheel: where none is built for the platform, the models judge (slower, same verdicts)
    import fhirkit as _fhirkit
except ImportError:  # pragma: no cover - the wheel is installed wherever the project is
    _fhirkit = None
fhirkit = _fhirkit

AVAILABLE = fhirkit is not None
_UNKNOWN = "unknown element"
_UNKNOWN_TYPE = "is not a FHIR R4 resource type this build knows"
_NULL_WITHOUT_EXTENSION = "null with no extension in its place"
_ITEM = re.compile(r"^(.*)\.([A-Za-z][A-Za-z0-9]*)(\[\d+\])$")
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def compiled_issues(body: dict | bytes, resource_type: str, prefix: str = "") -> list[Issue]:
    """fhirkit-rs's errors on `body` as the models' issues are written (location, message).
    `body` as its JSON text is judged in half the time of the parsed dict (fhirkit reads the
    text in Rust instead of Python objects), with the same issues (tests/intake/test_compiled_judge.py)."""
    assert fhirkit is not None
    issues = []
    for found in fhirkit.validate(body):
        if found.severity != "error":
            continue
        unknown = found.message == _UNKNOWN
        message = UNKNOWN_ELEMENT if unknown else found.message
        if found.message.endswith(_UNKNOWN_TYPE):  # a contained resource of no R4 type, as the models say it
            message = f"Cannot parse the resource: {found.message}"
        path = found.path
        if found.message == _NULL_WITHOUT_EXTENSION and (place := _ITEM.match(path)):
            # The fault is in `_given` (nothing holds the null's place), where the R4 walk names it: one fault, one issue.
            path = f"{place[1]}._{place[2]}{place[3]}"
        issues.append(Issue("structure" if unknown else "value", f"{prefix}{path}: {message}", expression=(path,)))
    return issues


def calendar_ok(text: str) -> bool:
    """Whether the day of a date, dateTime or instant (already matching its regex) exists:
    the R4 regexes take any day up to 31 in any month, the reference validator and the models do not."""
    match = _DAY.match(text)
    if match is None:  # a year, or a year and month: nothing more to check
        return True
    year, month, day = int(match[1]), int(match[2]), int(match[3])
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


class CalendarPattern:
    """A date type's regex that also wants its day to exist (r4.py calls `fullmatch`)."""

    __slots__ = ("pattern",)

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern = pattern

    def fullmatch(self, text: str) -> Any:
        match = self.pattern.fullmatch(text)
        return match if match is not None and calendar_ok(text) else None


CALENDAR_TYPES = frozenset({"date", "dateTime", "instant"})
