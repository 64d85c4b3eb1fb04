"""JSON bodies nested too deeply are refused before anything parses or validates them."""

import json

import orjson
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


# Bodies without escapes are parsed without the per-object hook, their duplicate keys counted after
# (shared/fhir_json.py _no_duplicates); each must be answered exactly as the hook answers it.
_BODIES = [
    b'{"a": 1, "a": 2}', b'{"a": {"b": "x:y", "b": "z"}}', b'{"a": "x:y:z", "b": {"c": ":"}}',
    b'[{"k": 1}, {"k": 1, "j": {"k": [1, {"m": "::", "m": "::"}]}}]', b'{"a" : 1 , "b" :{"a":"b:"}}',
    b'{"a": 1, "a": 2} trailing', b'{"a": 1, "b": }', b'{"n": 123456789012345678901234567890}',
    b'{"n": 123456789012345678901234567890, "n": 1}', b'{"x": 1.50, "y": 1e400, "z": -0}', b'[1e999999]',
    b'{"a": NaN}', b'{"a": 1, "\xc3\xa9": "\xc3\xa9:", "\xc3\xa9": 2}', b"[]", b'"::"', b"42",
]


def _answer(parse):
    """What a parse gives: its value, or its error word for word."""
    try:
        return "value", repr(parse())
    except Exception as exc:
        return type(exc).__name__, str(exc)


@pytest.mark.parametrize("body", _BODIES)
@pytest.mark.parametrize("exact_decimals", [True, False])
def test_a_body_without_escapes_is_read_as_the_duplicate_key_hook_reads_it(body, exact_decimals):
    from shared import fhir_json

    hooked = fhir_json._strict if exact_decimals else fhir_json._strict_floats
    assert _answer(lambda: loads_request(body, exact_decimals)) == _answer(lambda: hooked.decode(body.decode()))


# Bodies with escapes take the same path (their escaped colons counted): a duplicate hidden behind an
# escaped colon, a key written as an escape, an escaped backslash before `u003a`, lone surrogates.
_ESCAPED_BODIES = [
    b'{"a": 1, "a": 2, "b": "\\u003a"}', b'{"a": 1, "a": 2, "b": "\\u003A"}', b'{"a": 1, "\\u0061": 2}',
    b'{"a": "\\\\u003a", "a": 1}', b'{"a": "\\\\u003a"}', b'{"a": "x\\u003ay", "b": "\\n\\"\\/:"}',
    b'{"M\\u00fcller": ":", "b": [1.50, "\\t"]}', b'{"a": "\\ud800"}', b'{"a": 1, "a": "\\udc00"}',
    b'{"a": "\\uD83D\\uDE00", "a": 2}', b'{"a": "\\x"}', b'{"a\\u003a": 1, "a:": 2}',
]


@pytest.mark.parametrize("body", _ESCAPED_BODIES)
@pytest.mark.parametrize("exact_decimals", [True, False])
def test_a_body_with_escapes_is_read_as_the_hook_reads_it_and_lone_surrogates_refused(body, exact_decimals):
    from shared import fhir_json

    hooked = fhir_json._strict if exact_decimals else fhir_json._strict_floats

    def strict():  # how every body with a backslash was read before: orjson's check for surrogates, the hook
        if b"\\u" in body:
            orjson.loads(body)
        return hooked.decode(body.decode())

    assert _answer(lambda: loads_request(body, exact_decimals)) == _answer(strict)


def test_a_key_named_twice_is_refused_at_any_depth_whatever_the_colons_in_strings():
    body = {"resourceType": "Bundle", "entry": [{"resource": {"id": f"o{i}", "url": "http://x.org/a:b"}} for i in range(30)]}
    text = json.dumps(body)
    assert loads_request(text.encode(), False) == body
    duplicated = text.replace('"id": "o17"', '"id": "o17", "id": "o:17"')
    with pytest.raises(ValueError, match="the key 'id' occurs twice"):
        loads_request(duplicated.encode(), False)
