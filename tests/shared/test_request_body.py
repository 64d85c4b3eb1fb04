"""JSON bodies nested too deeply are refused before anything parses or validates them."""

import json

import pytest

from shared.fhir_json import loads_request
from shared.request_body import json_depth
from tests.intake.fhir_data import FHIR


@pytest.mark.parametrize("text,depth", [
    ('{"a":"[[[["}', 1), ('{"a":"\\\\"}', 1), ('{"a":"\\"[[", "b": [1]}', 2), ("[[[]]]", 3),
    ('{"a":[{"b":"}}}"}]}', 3), ("", 0), ('{"a":"\\\\\\"[[["}', 1), ("42", 0),
])
def test_depth_ignores_brackets_in_strings(text, depth):
    assert json_depth(text.encode()) == depth
    if text:
        assert json.loads(text) is not None  # each case is valid JSON


def nested_extension(depth: int) -> bytes:
    return ('{"resourceType":"Patient","extension":[' + '{"url":"http://x.org/e","extension":[' * depth
            + '{"url":"http://x.org/e","valueString":"a"}' + "]}" * depth + "]}").encode()


async def test_a_deep_body_is_refused_and_the_service_keeps_serving(intake):
    # A few hundred levels crash a validator that recurses; the limit (64) refuses them first.
    for depth in (100, 5000):
        response = await intake.post("/fhir/Patient", content=nested_extension(depth), headers=FHIR)
        assert response.status_code == 400 and "nests deeper than 64" in response.text
    fine = await intake.post("/fhir/Patient", content=nested_extension(10), headers=FHIR)
    assert fine.status_code == 201, fine.text


@pytest.mark.parametrize("body", [b'{"a": "\\ud800"}', b'{"a": "\\uDBFF"}', b'{"a": ["x", "\\Ud800"]}'])
@pytest.mark.parametrize("exact_decimals", [True, False])
def test_lone_surrogates_and_unknown_escapes_are_refused(body, exact_decimals):
    with pytest.raises(ValueError):
        loads_request(body, exact_decimals)


def test_escapes_are_read():
    assert loads_request(b'{"a": "caf\\u00e9 \\uD83D\\uDE00"}', False) == {"a": "caf\u00e9 \U0001f600"}
