"""FHIR date, dateTime and instant values as half-open ranges of epoch milliseconds.

A value stands for the whole interval its precision implies: "2020" is all of 2020.
Values without a time zone are taken as UTC (docs/decisions.md).
"""

import calendar
import re
from datetime import UTC, datetime, timedelta

MIN_MS = -62135596800000  # 0001-01-01
MAX_MS = 253402300800000  # 10000-01-01

_DATE = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:T(?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.(?P<f>\d+))?)?(?P<tz>Z|[+-]\d{2}:\d{2})?)?)?)?$"
)


class DateFormatError(ValueError):
    pass


def _ms(dt: datetime) -> int:
    return int((dt - datetime(1970, 1, 1, tzinfo=UTC)) / timedelta(milliseconds=1))


def date_range(value: str) -> tuple[int, int]:
    m = _DATE.match(value.strip())
    if not m:
        raise DateFormatError(f"'{value}' is not a FHIR date or dateTime")
    try:
        year = int(m["y"])
        if m["m"] is None:
            start = datetime(year, 1, 1, tzinfo=UTC)
            return _ms(start), _ms(start.replace(year=year + 1)) if year < 9999 else MAX_MS
        month = int(m["m"])
        if m["d"] is None:
            start = datetime(year, month, 1, tzinfo=UTC)
            return _ms(start), _ms(start + timedelta(days=calendar.monthrange(year, month)[1]))
        day = datetime(year, month, int(m["d"]), tzinfo=UTC)
        if m["H"] is None:
            return _ms(day), _ms(day + timedelta(days=1))
        offset = timedelta(0)
        if m["tz"] and m["tz"] != "Z":
            sign = 1 if m["tz"][0] == "+" else -1
            offset = sign * timedelta(hours=int(m["tz"][1:3]), minutes=int(m["tz"][4:6]))
        start = day.replace(hour=int(m["H"]), minute=int(m["M"])) - offset
        if m["S"] is None:
            return _ms(start), _ms(start + timedelta(minutes=1))
        start += timedelta(seconds=int(m["S"]))
        if m["f"] is None:
            return _ms(start), _ms(start + timedelta(seconds=1))
        digits = m["f"][:3]
        low = _ms(start) + int(digits.ljust(3, "0"))
        return low, low + max(1, 10 ** (3 - len(digits)))
    except ValueError as exc:
        raise DateFormatError(f"'{value}' is not a valid date: {exc}") from None


def now_instant() -> tuple[str, int]:
    """The current time as a FHIR instant string and as epoch ms, the same moment."""
    now = datetime.now(UTC)
    ms = _ms(now)
    text = now.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return text, ms
