"""FHIR date, dateTime and instant values as half-open ranges of epoch milliseconds.

A value stands for the whole interval its precision implies: "2020" is all of 2020.
Values without a time zone are taken as UTC (docs/decisions.md).
"""

import calendar
import re
from datetime import UTC, date, datetime, timedelta

MIN_MS = -62135596800000  # 0001-01-01
MAX_MS = 253402300800000  # 10000-01-01

_DATE = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:T(?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.(?P<f>\d+))?)?(?P<tz>Z|[+-]\d{2}:\d{2})?)?)?)?$"
)


class DateFormatError(ValueError):
    pass


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPOCH_DAY = date(1970, 1, 1).toordinal()
_DAY_MS = 86_400_000


def _ms(dt: datetime) -> int:
    return (dt - _EPOCH) // timedelta(milliseconds=1)


def _day_ms(year: int, month: int, day: int) -> int:
    """Epoch ms of a day's start (UTC); ValueError for a day that does not exist."""
    return (date(year, month, day).toordinal() - _EPOCH_DAY) * _DAY_MS


def date_range(value: str) -> tuple[int, int]:
    m = _DATE.match(value.strip())
    if not m:
        raise DateFormatError(f"'{value}' is not a FHIR date or dateTime")
    try:
        year = int(m["y"])
        if m["m"] is None:
            return _day_ms(year, 1, 1), _day_ms(year + 1, 1, 1) if year < 9999 else MAX_MS
        month = int(m["m"])
        if m["d"] is None:
            start = _day_ms(year, month, 1)
            return start, start + calendar.monthrange(year, month)[1] * _DAY_MS
        day = _day_ms(year, month, int(m["d"]))
        if m["H"] is None:
            return day, day + _DAY_MS
        hour, minute = int(m["H"]), int(m["M"])
        if hour > 23 or minute > 59:
            raise ValueError("hour must be in 0..23 and minute in 0..59")
        offset = 0
        if m["tz"] and m["tz"] != "Z":
            sign = 1 if m["tz"][0] == "+" else -1
            offset = sign * (int(m["tz"][1:3]) * 3_600_000 + int(m["tz"][4:6]) * 60_000)
        start = day + hour * 3_600_000 + minute * 60_000 - offset
        if m["S"] is None:
            return start, start + 60_000
        start += int(m["S"]) * 1000  # FHIR allows 60, a leap second
        if m["f"] is None:
            return start, start + 1000
        digits = m["f"][:3]
        low = start + int(digits.ljust(3, "0"))
        return low, low + max(1, 10 ** (3 - len(digits)))
    except ValueError as exc:
        raise DateFormatError(f"'{value}' is not a valid date: {exc}") from None
