"""Intake's layers depend one way (docs/architecture.md, "Intake's layers"):

    rest -> interactions -> search, outbox -> storage -> fhir

read from the imports themselves (ast, so also imports inside functions), so that a shortcut
back up, or around the interactions layer into storage, fails here and not in a review.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INTAKE = ROOT / "services" / "intake"
PACKAGE = "services.intake"
# A module may import its own layer and the layers ranked below it; search and outbox are beside
# each other and do not import each other.
RANK = {"rest": 4, "interactions": 3, "search": 2, "outbox": 2, "storage": 1, "fhir": 0}
# What opens storage, runs searches or records hand-overs: for the interactions layer's UnitOfWork only.
GATEWAY = "services.intake.interactions.interactions"
GUARDED = {"services.intake.storage.store": {"ResourceStore"}, "services.intake.search.executor": {"SearchExecutor"},
           "services.intake.outbox.handover": {"hand_over", "record"}}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[:2] == ["services", "intake"] else None


def is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def imports(path: Path) -> list[tuple[str, set[str]]]:
    """(module, names imported from it) of every import of the intake package in a file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, set()) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import (the layers are checked by absolute names)"
            names = {alias.name for alias in node.names}
            found.append((node.module, names))
            # `from services.intake.search import predicates` imports a module too
            found += [(f"{node.module}.{name}", set()) for name in names if is_module(f"{node.module}.{name}")]
    return [(module, names) for module, names in found if module == PACKAGE or module.startswith(PACKAGE + ".")]


def layered_modules() -> list[tuple[Path, str, str]]:
    """(file, module, layer) of every module in a layer folder."""
    return [(path, module_name(path), layer_of(module_name(path))) for path in sorted(INTAKE.rglob("*.py"))
            if layer_of(module_name(path)) in RANK]


def test_every_module_is_in_a_layer_or_is_the_app_factory():
    outside = [module_name(p) for p in INTAKE.rglob("*.py")
               if layer_of(module_name(p)) not in RANK and "migrations" not in p.parts]
    assert sorted(outside) == ["services.intake", "services.intake.main"]
    assert set(RANK) == {p.name for p in INTAKE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}


def test_imports_only_go_down():
    wrong = []
    for path, module, layer in layered_modules():
        for imported, _ in imports(path):
            target = layer_of(imported)
            if target is None or target == layer:
                if imported in (PACKAGE, f"{PACKAGE}.main"):
                    wrong.append(f"{module} imports {imported}")
                continue
            if target not in RANK or RANK[target] >= RANK[layer]:
                wrong.append(f"{module} ({layer}) imports {imported} ({target})")
    assert wrong == []


def test_the_rest_layer_sees_only_the_interactions_layer():
    """Routes, responses, the CapabilityStatement and the audit middleware use what the
    interactions package exports, and the definitions (fhir/), nothing of the layers below."""
    wrong = [f"{module} imports {imported}" for path, module, layer in layered_modules() if layer == "rest"
             for imported, _ in imports(path)
             if imported != f"{PACKAGE}.interactions" and layer_of(imported) not in ("rest", "fhir")]
    assert wrong == []


def test_storage_searches_and_hand_overs_are_reached_through_interactions_alone():
    """The Bundle processor, the audit trail and every route go through the UnitOfWork."""
    wrong = []
    for path in sorted(INTAKE.rglob("*.py")):
        module = module_name(path)
        for imported, names in imports(path):
            guarded = GUARDED.get(imported, set())
            if module != GATEWAY and module != imported and (names & guarded or (not names and guarded)):
                wrong.append(f"{module} imports {', '.join(sorted(names & guarded)) or imported}")
    assert wrong == []


def test_the_checker_sees_what_it_checks():
    """The rules above would pass vacuously if the imports were not found."""
    gateway = INTAKE / "interactions" / "interactions.py"
    found = dict(imports(gateway))
    assert "ResourceStore" in found["services.intake.storage.store"]
    assert "services.intake.search.predicates" in dict(imports(INTAKE / "search" / "planner.py"))
    assert len(layered_modules()) > 20
