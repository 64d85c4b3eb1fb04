"""Renders the project's CodeSystems as FHIR R4 CodeSystem resources."""

from typing import Any

from services.classifier.knowledge import Knowledge, knowledge

CODESYSTEM_NAMES = ("calcinosis-finding", "calcinosis-site", "calcinosis-diagnosis", "calcinosis-typing")


def codesystem_url(base: str, name: str) -> str:
    return f"{base.rstrip('/')}/CodeSystem/{name}"


PARENT = "parent"


def _concepts(name: str, kb: Knowledge) -> tuple[str, str, list[dict]]:
    content = kb.codesystems[name]
    if name == "calcinosis-diagnosis":
        # the modelled diagnoses (each under its normative grouping code, if any), the grouping codes
        # of vocabulary.md, and the open-world outcome
        concepts = []
        for d in kb.diagnoses.values():
            concept: dict[str, Any] = {"code": d.code, "display": d.display, "definition": d.definition}
            if d.normative_code:
                concept["property"] = [{"code": PARENT, "valueCode": d.normative_code}]
            concepts.append(concept)
        concepts += [{"code": c.code, "display": c.display, "definition": c.definition} for c in content.concepts]
        concepts.append({"code": kb.none_fits.code, "display": kb.none_fits.display, "definition": kb.none_fits.definition})
        return content.title, content.description, concepts
    concepts = [{"code": c.code, "display": c.display, "definition": c.definition} for c in content.concepts]
    return content.title, content.description, concepts


def render_codesystem(name: str, base: str, kb: Knowledge | None = None) -> dict:
    """One CodeSystem resource (complete content) at {base}/CodeSystem/{name}."""
    if name not in CODESYSTEM_NAMES:
        raise KeyError(f"unknown CodeSystem {name!r}; known: {', '.join(CODESYSTEM_NAMES)}")
    kb = kb or knowledge()
    title, description, concepts = _concepts(name, kb)
    resource = {
        "resourceType": "CodeSystem",
        "id": name,
        "url": codesystem_url(base, name),
        "name": "".join(part.capitalize() for part in name.split("-")),
        "title": title,
        "status": "active",
        "experimental": False,
        "description": description,
        "caseSensitive": True,
        "content": "complete",
        "count": len(concepts),
        "concept": concepts,
    }
    if any("property" in c for c in concepts):
        resource["hierarchyMeaning"] = "is-a"
        resource["property"] = [{"code": PARENT, "uri": "http://hl7.org/fhir/concept-properties#parent", "type": "code",
                                 "description": "The normative code of vocabulary.md that groups this diagnosis"}]
    return resource


def render_all_codesystems(base: str) -> list[dict]:
    return [render_codesystem(name, base) for name in CODESYSTEM_NAMES]
