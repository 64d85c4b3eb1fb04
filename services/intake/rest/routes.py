"""The FHIR REST layer: HTTP in, interactions called, FHIR responses out. Thin by design."""

import re
from collections.abc import Callable
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Path, Request
from starlette.responses import Response

from services.intake.fhir.registry import READ_ONLY_TYPES, SUPPORTED_TYPES, revincludable, search_parameters
from services.intake.fhir.summary import Subset, parse_subset
from services.intake.interactions import BundleProcessor, Interactions, ResourceTexts, bundle_needs, needs, parse_if_match
from services.intake.rest.audit import (
    bundle_asked,
    bundle_touched,
    note_entities,
    patients_asked,
    patients_named,
    patients_of,
)
from services.intake.rest.capability import capability_statement
from services.intake.rest.responses import history, resource_response, searchset
from shared.auth import Principal, requires, smart_configuration
from shared.errors import FHIRError, Issue, operation_outcome
from shared.fhir_json import fhir_response
from shared.fhir_openapi import fhir_body, fhir_responses, load_examples
from shared.public_url import public_base
from shared.request_body import read_form_body, read_json_body


def get_interactions(request: Request) -> Interactions:
    return request.app.state.interactions


def fhir_base(request: Request) -> str:
    return public_base(request, request.app.state.settings, "/fhir")


async def fhir_body_json(request: Request) -> Any:
    settings = request.app.state.settings
    # FHIR decimals keep their precision in storage: read as Decimal (decision Intake 17)
    return await read_json_body(request, settings.max_body_bytes, settings.max_json_depth, exact_decimals=True)


def prefer(header: str | None, key: str) -> str | None:
    """The value of one Prefer preference (RFC 7240), e.g. return=minimal."""
    for part in re.split(r"[;,]", header or ""):
        name, _, value = part.strip().partition("=")
        if name.strip() == key:
            return value.strip().strip('"')
    return None


JSON_PATCH = "application/json-patch+json"


async def json_patch_body(request: Request) -> Any:
    settings = request.app.state.settings
    return await read_json_body(request, settings.max_body_bytes, settings.max_json_depth, exact_decimals=True,
                                media_types=(JSON_PATCH,), expected=f"{JSON_PATCH} (JSON Patch, RFC 6902)")


def subset_of(request: Request, resource_type: str) -> Subset | None:
    """_summary / _elements on a read or vread."""
    return parse_subset(list(request.query_params.multi_items()), resource_type, allow_count=False)


Interact = Annotated[Interactions, Depends(get_interactions)]
Caller = Annotated[Principal, requires()]


def authorize(request: Request, pairs: list[tuple[str, str]] | None = None, resource: Any = None) -> None:
    """The caller's scopes against all that this request needs: `needs`, the rule each entry of a
    Bundle is held to as well. What it asks about is noted first, so that a refusal names it."""
    path = request.url.path.removeprefix("/fhir")
    pairs = list(request.query_params.multi_items()) if pairs is None else pairs
    note_entities(request, patients_asked(path, pairs) if request.method in ("GET", "HEAD") else [])
    for resource_type, interaction in sorted(needs(request.method, path, pairs, request.headers.get("if-none-exist"),
                                                   resource)):
        request.state.principal.require(resource_type, interaction)


async def authorized(request: Request, _: Caller) -> None:
    """The route-level check, on the URL and headers, before any body is read."""
    authorize(request)


Authorized = Depends(authorized)
AUTH_ERRORS = (401, 403)
Base = Annotated[str, Depends(fhir_base)]
Body = Annotated[Any, Depends(fhir_body_json)]
PatchBody = Annotated[Any, Depends(json_patch_body)]
PreferHeader = Annotated[str | None,
                         Header(alias="Prefer",
                                description="return=minimal|representation|OperationOutcome; handling=strict|lenient")]
IfMatch = Annotated[str | None, Header(alias="If-Match", description='Version ETag, e.g. W/"3": update only that version')]
IfNoneExist = Annotated[str | None,
                        Header(alias="If-None-Exist",
                               description="Search query, e.g. identifier=system|value: create only when nothing matches")]

WRITE_ERRORS = (400, 409, 412, 413, 415, 422)
# The documents' examples (the README's patient, labs, CT study, report, assessment): /docs shows them,
# tests/test_openapi_examples.py sends each to a running intake.
EXAMPLES = load_examples(FilePath(__file__).with_name("openapi_examples.json"))
VERSION_ID = Path(description='The version id (meta.versionId; the n of an ETag W/"n")',
                  openapi_examples={"first": {"summary": "The first version", "value": "1"}})


def _resource_examples(t: str, with_id: bool) -> dict[str, Any]:
    """The type's example; without its id for a create (the server assigns one). None for the types
    only the server writes (AuditEvent): they take no body."""
    example = EXAMPLES["resources"].get(t)
    if example is None:
        return {}
    value = example["value"] if with_id else {k: v for k, v in example["value"].items() if k != "id"}
    return {t[0].lower() + t[1:]: {"summary": example["summary"], "value": value}}


def _id_parameter(t: str) -> Any:
    """The `id` path parameter, with the type's example id (a default, since it differs per type)."""
    return Path(description=f"The logical id of the {t} (1 to 64 of A-Z a-z 0-9 - .)",
                openapi_examples={"example": {"summary": f"The {t} of the examples", "value": EXAMPLES["ids"][t]}})


def _search_parameters_doc(resource_type: str) -> list[dict[str, Any]]:
    params = [
        {"name": name, "in": "query", "required": False, "description": f"{p.type}: {p.documentation}",
         "schema": {"type": "string"}}
        for name, p in search_parameters()[resource_type].items()
    ]
    params += [
        {"name": "_count", "in": "query", "required": False, "description": "Page size",
         "schema": {"type": "integer", "minimum": 0}},
        {"name": "_offset", "in": "query", "required": False, "description": "First match of the page (paging links set it)",
         "schema": {"type": "integer", "minimum": 0}},
        {"name": "_sort", "in": "query", "required": False, "description": "Comma-separated sort parameters, '-' for descending",
         "schema": {"type": "string"}},
        {"name": "_summary", "in": "query", "required": False,
         "description": "true: summary elements; text: text and mandatory elements; data: all but text; "
                        "count: only the total; false: everything",
         "schema": {"type": "string", "enum": ["true", "text", "data", "count", "false"]}},
        {"name": "_elements", "in": "query", "required": False,
         "description": "Comma-separated top-level elements to return (mandatory ones, id and meta always)",
         "schema": {"type": "string"}},
        {"name": "_total", "in": "query", "required": False, "description": "none skips counting",
         "schema": {"type": "string", "enum": ["none", "estimate", "accurate"]}},
        {"name": "_include", "in": "query", "required": False, "description": "e.g. Observation:patient",
         "schema": {"type": "string"}},
    ]
    if revincludable(resource_type):
        params.append({"name": "_revinclude", "in": "query", "required": False,
                       "description": "Resources referring to the matches, e.g. "
                                      + ", ".join(f"{s}:{p}" for s, p in sorted(revincludable(resource_type))),
                       "schema": {"type": "string"}})
    return params


SUBSET_PARAMETERS = [
    {"name": "_summary", "in": "query", "required": False,
     "description": "true: summary elements; text: text and mandatory elements; data: all but text; false: everything",
     "schema": {"type": "string", "enum": ["true", "text", "data", "false"]}},
    {"name": "_elements", "in": "query", "required": False,
     "description": "Comma-separated top-level elements to return (mandatory ones, id and meta always)",
     "schema": {"type": "string"}},
]


HISTORY_PARAMETERS = [
    {"name": "_count", "in": "query", "required": False, "description": "Page size", "schema": {"type": "integer", "minimum": 0}},
    {"name": "_offset", "in": "query", "required": False, "description": "First entry of the page (paging links set it)",
     "schema": {"type": "integer", "minimum": 0}},
    {"name": "_since", "in": "query", "required": False, "description": "Only versions stored at or after this instant",
     "schema": {"type": "string"}},
]


def _type_routes(router: APIRouter, t: str) -> None:
    """The type- and instance-level routes of one resource type."""
    path = f"/fhir/{t}"
    resource_id = _id_parameter(t)

    def route(method: str, suffix: str, op: str, summary: str, needs: str, **kwargs: Any) -> Callable:
        if t in READ_ONLY_TYPES and needs in ("create", "update", "delete"):
            return lambda handler: handler  # the server alone writes these (AuditEvent)
        kwargs["responses"] = {**kwargs["responses"], **fhir_responses({}, AUTH_ERRORS)}
        return router.api_route(f"{path}{suffix}", methods=[method], operation_id=op, summary=summary,
                                tags=[t], response_class=Response, dependencies=[Authorized], **kwargs)

    @route("POST", "", f"create{t}", f"Create a {t}", "create",
           openapi_extra=fhir_body(t, f"The {t} to create; any id in it is replaced", _resource_examples(t, False)),
           responses=fhir_responses({201: ("Created", t), 200: ("An existing match of If-None-Exist", t)},
                                    WRITE_ERRORS))
    async def create(request: Request, interactions: Interact, base: Base, body: Body,
                     if_none_exist: IfNoneExist = None, prefer_header: PreferHeader = None) -> Response:
        authorize(request, resource=body)  # conditional references in it search
        refuse_search_parameters(request)
        stored, created = await interactions.create(t, body, if_none_exist)
        note_entities(request, [f"{t}/{stored.id}", *patients_of([stored.content] if stored.content else [])])
        return resource_response(stored, base, 201 if created else 200, prefer(prefer_header, "return"),
                                 with_location=True)

    @route("GET", "", f"search{t}", f"Search {t} resources", "search",
           openapi_extra={"parameters": _search_parameters_doc(t)},
           responses=fhir_responses({200: ("A searchset Bundle", "Bundle")}, (400,)))
    async def search(request: Request, interactions: Interact, base: Base, prefer_header: PreferHeader = None) -> Response:
        return await _search(request, interactions, base, t, list(request.query_params.multi_items()), prefer_header)

    @route("POST", "/_search", f"search{t}Post", f"Search {t} resources with form-encoded parameters", "search",
           openapi_extra={"requestBody": {"content": {"application/x-www-form-urlencoded": {
               "schema": {"type": "object", "additionalProperties": {"type": "string"}},
               "examples": {"search": EXAMPLES["search"][t]}}}}},
           responses=fhir_responses({200: ("A searchset Bundle", "Bundle")}, (400, 413, 415)))
    async def search_post(request: Request, interactions: Interact, base: Base, prefer_header: PreferHeader = None) -> Response:
        settings = request.app.state.settings
        pairs = list(request.query_params.multi_items()) + await read_form_body(request, settings.max_body_bytes)
        authorize(request, pairs)  # the form may ask for more than the URL (an _include)
        return await _search(request, interactions, base, t, pairs, prefer_header)

    @route("GET", "/_history", f"history{t}", f"History of all {t} resources", "search",
           openapi_extra={"parameters": HISTORY_PARAMETERS},
           responses=fhir_responses({200: ("A history Bundle", "Bundle")}, (400,)))
    async def type_history(request: Request, interactions: Interact, base: Base) -> Response:
        return await _history(request, interactions, base, t, None)

    @route("POST", "/$validate", f"validate{t}", f"Validate a {t} without storing it", "create",
           openapi_extra={**fhir_body(t, f"The {t}, or a Parameters resource with 'resource' (and 'mode')",
                                      _resource_examples(t, False)),
                          "parameters": [MODE_PARAMETER]},
           responses=fhir_responses({200: ("The validation outcome (errors mean invalid)", "OperationOutcome")}, (400, 413, 415)))
    async def validate(request: Request, interactions: Interact, body: Body) -> Response:
        return await _validate(request, interactions, t, body, None)

    @route("GET", "/{id}", f"read{t}", f"Read the current version of a {t}", "read",
           openapi_extra={"parameters": SUBSET_PARAMETERS},
           responses=fhir_responses({200: ("The resource", t)}, (400, 404, 410)))
    async def read(request: Request, interactions: Interact, base: Base, id: str = resource_id) -> Response:
        subset = subset_of(request, t)
        stored = await interactions.read(t, id)
        note_entities(request, patients_of([stored.content] if stored.content else []))
        return resource_response(stored, base, subset=subset)

    @route("PUT", "/{id}", f"update{t}", f"Update (or create with this id) a {t}", "update",
           openapi_extra=fhir_body(t, f"The new version of the {t}; its id must match the URL",
                                   _resource_examples(t, True)),
           responses=fhir_responses({200: ("Updated", t), 201: ("Created with the given id", t)}, WRITE_ERRORS))
    async def update(request: Request, interactions: Interact, base: Base, body: Body,
                     if_match: IfMatch = None, prefer_header: PreferHeader = None, id: str = resource_id) -> Response:
        authorize(request, resource=body)
        stored, created = await interactions.update(t, id, body, parse_if_match(if_match))
        note_entities(request, [f"{t}/{id}", *patients_of([stored.content] if stored.content else [])])
        return resource_response(stored, base, 201 if created else 200, prefer(prefer_header, "return"),
                                 with_location=created)

    @route("PATCH", "/{id}", f"patch{t}", f"Patch a {t} with a JSON Patch (RFC 6902)", "update",
           openapi_extra={"requestBody": {"required": True, "content": {JSON_PATCH: {"schema": {
               "type": "array", "items": {"type": "object", "required": ["op", "path"]}},
               "examples": {"example": EXAMPLES["patch"][t]} if t in EXAMPLES["patch"] else {}}}}},
           responses=fhir_responses({200: ("Patched", t)}, (400, 404, 409, 410, 412, 413, 415, 422)))
    async def patch(request: Request, interactions: Interact, base: Base, body: PatchBody,
                    if_match: IfMatch = None, prefer_header: PreferHeader = None, id: str = resource_id) -> Response:
        stored = await interactions.patch(t, id, body, parse_if_match(if_match))
        note_entities(request, [f"{t}/{id}", *patients_of([stored.content] if stored.content else [])])
        return resource_response(stored, base, 200, prefer(prefer_header, "return"))

    @route("DELETE", "/{id}", f"delete{t}", f"Delete a {t}", "delete",
           responses=fhir_responses({204: ("Deleted, or nothing to delete", None)}, (409,)))
    async def delete(interactions: Interact, id: str = resource_id) -> Response:
        deleted = await interactions.delete(t, id)
        return Response(status_code=204, headers={"ETag": deleted.etag} if deleted else None)

    @route("GET", "/{id}/_history", f"history{t}Instance", f"All versions of a {t}", "read",
           openapi_extra={"parameters": HISTORY_PARAMETERS},
           responses=fhir_responses({200: ("A history Bundle", "Bundle")}, (400, 404)))
    async def instance_history(request: Request, interactions: Interact, base: Base, id: str = resource_id) -> Response:
        return await _history(request, interactions, base, t, id)

    @route("GET", "/{id}/_history/{vid}", f"vread{t}", f"Read one version of a {t}", "read",
           openapi_extra={"parameters": SUBSET_PARAMETERS},
           responses=fhir_responses({200: ("The version", t)}, (400, 404, 410)))
    async def vread(request: Request, interactions: Interact, base: Base, id: str = resource_id,
                    vid: str = VERSION_ID) -> Response:
        subset = subset_of(request, t)
        stored = await interactions.vread(t, id, vid)
        note_entities(request, [f"{t}/{id}", *patients_of([stored.content] if stored.content else [])])
        return resource_response(stored, base, subset=subset)

    @route("POST", "/{id}/$validate", f"validate{t}Instance", f"Validate a {t} as an update of this id", "update",
           openapi_extra={**fhir_body(t, f"The {t}, or a Parameters resource with 'resource' (and 'mode')",
                                      _resource_examples(t, True)),
                          "parameters": [MODE_PARAMETER]},
           responses=fhir_responses({200: ("The validation outcome (errors mean invalid)", "OperationOutcome")}, (400, 413, 415)))
    async def validate_instance(request: Request, interactions: Interact, body: Body, id: str = resource_id) -> Response:
        return await _validate(request, interactions, t, body, id)

    @route("GET", "/{id}/$validate", f"validate{t}Stored", f"Validate the stored {t} (mode=delete: may it be deleted?)",
           "read", openapi_extra={"parameters": [MODE_PARAMETER]},
           responses=fhir_responses({200: ("The validation outcome (errors mean invalid)", "OperationOutcome")}, (400, 404, 410)))
    async def validate_stored(request: Request, interactions: Interact, id: str = resource_id) -> Response:
        mode = request.query_params.get("mode")
        if mode == "delete":
            request.state.principal.require(t, "delete")
            return _outcome(await interactions.validate(t, None, id, mode), t)
        stored = await interactions.read(t, id)
        return _outcome(await interactions.validate(t, stored.content, id, mode), t)


MODE_PARAMETER = {"name": "mode", "in": "query", "required": False,
                  "description": "create | update | delete: also check what that interaction would (referenced resources "
                                 "exist; for delete, that nothing refers to it); none: the resource alone",
                  "schema": {"type": "string", "enum": ["create", "update", "delete"]}}
# Parameters of a URL that change how the answer is written, not what is done.
FORMAT_PARAMETERS = frozenset({"_format", "_pretty"})


def refuse_search_parameters(request: Request) -> None:
    """A create with search parameters in its URL (`POST Patient?identifier=...`, as some clients
    ask for get-or-create) would silently ignore them: 400, as HAPI answers (decision Intake 25)."""
    given = sorted({k for k in request.query_params if k not in FORMAT_PARAMETERS})
    if given:
        raise FHIRError.of(400, "invalid", f"A create takes no search parameters in its URL ({', '.join(given)}); for a "
                           "conditional create send them in the If-None-Exist header")


async def _search(request: Request, interactions: Interactions, base: str, t: str, pairs: list[tuple[str, str]],
                  prefer_header: str | None) -> Response:
    lenient = prefer(prefer_header, "handling") == "lenient"
    result = await interactions.search(t, pairs, lenient)
    note_entities(request, patients_named(pairs) + patients_of(result.matches + result.included))
    return fhir_response(searchset(base, f"{base}/{t}", result))


async def _history(request: Request, interactions: Interactions, base: str, t: str | None, id: str | None) -> Response:
    pairs = list(request.query_params.multi_items())
    entries, total, count, offset = await interactions.history(t, id, pairs)
    note_entities(request, patients_of([s.content for s in entries if s.content]))
    url = base + (f"/{t}" if t else "") + (f"/{id}" if id else "") + "/_history"
    return fhir_response(history(base, url, entries, total, count, offset, pairs))


def _unwrap_parameters(body: Any, mode: str | None) -> tuple[Any, str | None]:
    """$validate's body: the resource itself, or a Parameters resource with `resource` and `mode`."""
    if isinstance(body, dict) and body.get("resourceType") == "Parameters":
        listed = body.get("parameter")
        parameters = [p for p in listed if isinstance(p, dict)] if isinstance(listed, list) else []
        given = [p.get("resource") for p in parameters if p.get("name") == "resource"]
        if len(given) != 1:
            raise FHIRError.of(400, "required", "The Parameters resource must hold one 'resource' parameter")
        modes = [p.get("valueCode") for p in parameters if p.get("name") == "mode"]
        return given[0], modes[0] if modes else mode
    return body, mode


def _outcome(issues: list[Issue], resource_type: str) -> Response:
    if not issues:  # located like every issue: here, the resource as a whole
        issues = [Issue("informational", "No issues: the resource is valid", severity="information",
                        expression=(resource_type,))]
    return fhir_response(operation_outcome(issues))


async def _validate(request: Request, interactions: Interactions, t: str, body: Any, id: str | None) -> Response:
    body, mode = _unwrap_parameters(body, request.query_params.get("mode"))
    if mode == "delete":
        request.state.principal.require(t, "delete")
    return _outcome(await interactions.validate(t, body, id, mode), t)


def build_router() -> APIRouter:
    router = APIRouter()

    @router.get("/fhir/metadata", operation_id="capabilities", summary="The server's CapabilityStatement",
                tags=["System"], response_class=Response,
                responses=fhir_responses({200: ("CapabilityStatement", "CapabilityStatement")}, ()))
    async def metadata(request: Request, base: Base) -> Response:
        state = request.app.state
        return fhir_response(capability_statement(base, request.app.version, state.started, state.settings))

    @router.get("/fhir/.well-known/smart-configuration", operation_id="smartConfiguration", tags=["System"],
                summary="SMART configuration: the token endpoint, grant types, scopes",
                responses=fhir_responses({}, (404,)))
    async def smart_config(request: Request) -> dict:
        document = smart_configuration(request.app.state.settings)
        if document is None:
            raise FHIRError.of(404, "not-found", "This server runs without authorization (development mode)")
        return document

    @router.post("/fhir/", include_in_schema=False, response_class=Response)  # answered, not redirected (307)
    @router.post("/fhir", operation_id="transaction", summary="Process a transaction or batch Bundle",
                 tags=["System"], response_class=Response,
                 openapi_extra=fhir_body("Bundle", "A Bundle of type transaction (all or nothing) or batch",
                                         EXAMPLES["transaction"]),
                 responses=fhir_responses({200: ("The transaction-response or batch-response Bundle", "Bundle")},
                                          (400, 404, 409, 412, 413, 415, 422, *AUTH_ERRORS)))
    # The token (Caller) is checked before the body is read (Body): without one, 401 whatever the body.
    async def transaction(request: Request, interactions: Interact, base: Base, principal: Caller, body: Body,
                          prefer_header: PreferHeader = None) -> Response:
        note_entities(request, bundle_asked(body))  # before a refusal, which names them too
        texts: ResourceTexts = {}  # each resource's JSON text, made once for the scope check and the worker
        for resource_type, interaction in sorted(bundle_needs(body, texts)):  # each entry as if sent alone
            principal.require(resource_type, interaction)
        representation = prefer(prefer_header, "return") == "representation"
        processor = BundleProcessor(interactions, base, representation, searchset, request.app.state.validation_pool)
        response = await processor.process(body, texts)
        note_entities(request, bundle_touched(response))
        return fhir_response(response)

    @router.get("/fhir/_history", operation_id="historySystem", summary="History of every resource",
                tags=["System"], response_class=Response, openapi_extra={"parameters": HISTORY_PARAMETERS},
                responses=fhir_responses({200: ("A history Bundle", "Bundle")}, (400, *AUTH_ERRORS)),
                dependencies=[Authorized])
    async def system_history(request: Request, interactions: Interact, base: Base) -> Response:
        return await _history(request, interactions, base, None, None)

    @router.post("/fhir/Bundle/$validate", operation_id="validateBundle", tags=["System"], response_class=Response,
                 summary="Validate a Bundle and each resource in it, storing nothing",
                 openapi_extra=fhir_body("Bundle", "The Bundle, or a Parameters resource with a 'resource' parameter",
                                         EXAMPLES["transaction"]),
                 responses=fhir_responses({200: ("The validation outcome (errors mean invalid)", "OperationOutcome")},
                                          (400, 413, 415, *AUTH_ERRORS)))
    async def validate_bundle(interactions: Interact, principal: Caller, body: Body) -> Response:
        bundle, _ = _unwrap_parameters(body, None)
        return _outcome(interactions.validate_bundle(bundle), "Bundle")

    for resource_type in SUPPORTED_TYPES:
        _type_routes(router, resource_type)
    return router
