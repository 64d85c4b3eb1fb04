"""Renders the project's CodeSystems as FHIR R4 CodeSystem resources."""

from services.classifier.knowledge import Knowledge, knowledge

CODESYSTEM_NAMES = ("calcinosis-finding", "calcinosis-site", "calcinosis-diagnosis", "calcinosis-typing")


def codesystem_url(base: str, name: str) -> str:
    return f"{base.rstrip('/')}/CodeSystem/{name}"


def _concepts(name: str, kb: Knowledge) -> tuple[str, str, list[dict]]:
    if name == "calcinosis-diagnosis":
        concepts = [{"code": d.code, "display": d.display, "definition": d.definition} for d in kb.diagnoses.values()]
        return "Calcinosis diagnoses", "Diagnoses in the differential of tumoral calcinosis.", concepts
    content = kb.codesystems[name]
    concepts = [{"code": c.code, "display": c.display, "definition": c.definition} for c in content.concepts]
    return content.title, content.description, concepts


def render_codesystem(name: str, base: str, kb: Knowledge | None = None) -> dict:
    """One CodeSystem resource (complete content) at {base}/CodeSystem/{name}."""
    if name not in CODESYSTEM_NAMES:
        raise KeyError(f"unknown CodeSystem {name!r}; known: {', '.join(CODESYSTEM_NAMES)}")
    kb = kb or knowledge()
    title, description, concepts = _concepts(name, kb)
    return {
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


def render_all_codesystems(base: str) -> list[dict]:
    return [render_codesystem(name, base) for name in CODESYSTEM_NAMES]
