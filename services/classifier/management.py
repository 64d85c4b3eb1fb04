"""Management and next tests for this patient: the rules of management.yaml applied to Facts,
with the contraindications checked against what is recommended and what the patient takes."""

from dataclasses import dataclass

from services.classifier.knowledge import Knowledge
from services.classifier.rules import Facts, holds
from services.classifier.schema import Coding, Contraindication, ManagementItem

KIND_ORDER = {"stop": 0, "safety": 1, "avoid": 2, "treatment": 3, "surgery": 4, "test": 5}


@dataclass(frozen=True)
class Advice:
    id: str
    kind: str  # stop | safety | avoid | treatment | surgery | test
    text: str
    sources: tuple[str, ...]  # citations in words
    urgent: bool = False
    code: Coding | None = None

    @property
    def flagged(self) -> bool:
        """A current treatment to stop, or the malignancy check: shown first, and marked."""
        return self.kind in ("stop", "safety")


class _Values(dict):
    def __missing__(self, key: str) -> str:
        return "not measured"


def cite(sources: list[str], kb: Knowledge) -> tuple[str, ...]:
    out = []
    for key in sources:
        reference = kb.references.get(key)
        if reference is None:
            out.append(key)  # "expert estimate"
        elif reference.doi:
            out.append(f"{reference.short} (doi:{reference.doi})")
        else:
            out.append(reference.short)
    return tuple(out)


def _items_for(leading: str, kb: Knowledge) -> list[ManagementItem]:
    """The items of management.yaml that may apply when `leading` ranks first, in the file's order:
    most are for one diagnosis, so the list is made once per leading diagnosis and kept with the knowledge."""
    return kb.remembered(_leading_items, leading)


def _leading_items(kb: Knowledge, leading: str) -> list[ManagementItem]:
    return [item for item in kb.management.items if item.when.get("leading") is None or leading in item.when["leading"]]


def plan(facts: Facts, kb: Knowledge) -> tuple[list[Advice], list[Advice]]:
    """(management, next tests) for the patient, each item with its sources."""
    rules = kb.management
    values = _Values(facts.values)
    blocked: dict[str, Contraindication] = {}
    stopping: dict[str, Contraindication] = {}
    for contraindication in rules.contraindications:
        if holds(contraindication.when, facts):
            for tag in contraindication.blocks:
                blocked.setdefault(tag, contraindication)
                if contraindication.stops_current:
                    stopping.setdefault(tag, contraindication)
    advice: list[Advice] = []
    said = set()  # contraindications already explained (a 'Stop' says why; no 'Not advised' repeats it)
    for tag, exposure in rules.exposures.items():
        if tag in stopping and facts.state(exposure.finding) == "true":
            reason = stopping[tag].reason.format_map(values)
            advice.append(Advice(f"stop-{tag}", "stop", f"Stop {exposure.name}: {reason}.", cite(stopping[tag].sources, kb),
                                 urgent=True))
            said.add(stopping[tag].id)
    for item in _items_for(facts.leading, kb):
        if not holds(item.when, facts) or (item.unless is not None and holds(item.unless, facts)):
            continue
        hits = [blocked[tag] for tag in item.gives if tag in blocked]
        if hits:
            for contraindication in hits:
                if contraindication.id not in said:
                    said.add(contraindication.id)
                    reason = contraindication.reason.format_map(values)
                    advice.append(Advice(f"not-{contraindication.id}", "avoid", f"Not advised: {reason}.",
                                         cite(contraindication.sources, kb)))
            continue
        advice.append(Advice(item.id, item.kind, item.text.format_map(values), cite(item.sources, kb), item.urgent, item.code))
    advice.sort(key=lambda a: KIND_ORDER[a.kind])  # stable: the file's order within a kind
    return [a for a in advice if a.kind != "test"], [a for a in advice if a.kind == "test"]
