"""The volume chart of the patient page as SVG geometry (the template draws it): each site and
side a line through its calcified volume at each study, on a time axis."""

import math
from dataclasses import dataclass
from datetime import datetime

from services.classifier.views.patient import Change

WIDTH, HEIGHT = 720, 280
LEFT, RIGHT, TOP, BOTTOM = 60, 190, 20, 46   # margins: the y labels, the legend, the x labels
COLOURS = ("#1f5fa8", "#c0392b", "#2e8b57", "#b8860b", "#7b3fa0", "#d2691e")


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    date: str
    value: float


@dataclass(frozen=True)
class Line:
    label: str
    colour: str
    points: list[Point]

    @property
    def path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


@dataclass(frozen=True)
class Tick:
    at: float
    text: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right: int      # x of the plot's right edge
    top: int
    bottom: int     # y of the plot's bottom edge
    lines: list[Line]
    y_ticks: list[Tick]
    x_ticks: list[Tick]


def _instant(date: str) -> float:
    parsed = datetime.fromisoformat(date.replace("Z", "+00:00"))
    return (parsed if parsed.tzinfo else parsed.astimezone()).timestamp()


def _nice_ceiling(value: float) -> float:
    """1, 2 or 5 times a power of ten, at least `value`."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def volume_chart(changes: list[Change]) -> Chart | None:
    dated = [c for c in changes if c.points]
    if not dated:
        return None
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM
    dates = sorted({d for c in dated for d, _ in c.points}, key=_instant)
    first, last = _instant(dates[0]), _instant(dates[-1])
    top_value = _nice_ceiling(max(v for c in dated for _, v in c.points) * 1.1)

    def x(date: str) -> float:
        if last == first:
            return (LEFT + right) / 2
        return LEFT + 20 + (_instant(date) - first) / (last - first) * (right - LEFT - 40)

    def y(value: float) -> float:
        return bottom - value / top_value * (bottom - TOP)

    lines = [Line(c.label, COLOURS[i % len(COLOURS)], [Point(x(d), y(v), d, v) for d, v in c.points])
             for i, c in enumerate(dated)]
    y_ticks = [Tick(y(top_value * i / 4), f"{top_value * i / 4:g}") for i in range(5)]
    x_ticks = [Tick(x(d), d[:10]) for d in dates]
    return Chart(WIDTH, HEIGHT, LEFT, right, TOP, bottom, lines, y_ticks, x_ticks)
