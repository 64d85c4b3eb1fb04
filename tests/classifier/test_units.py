import pytest

from services.classifier.knowledge import knowledge
from services.classifier.units import UnitError, convert

LABS = knowledge().labs


def analyte(name):
    return LABS.analytes[name]


@pytest.mark.parametrize(
    ("name", "value", "unit", "expected"),
    [
        ("phosphate", 66, "mg/L", 6.6),  # French labs: mg/L = 10 x mg/dL
        ("phosphate", 1.0, "mmol/L", 1 / 0.3229),  # domain.md 4: mmol/L = mg/dL x 0.3229
        ("phosphate", 4.0, "mg/dL", 4.0),
        ("calcium", 2.5, "mmol/L", 2.5 / 0.2495),
        ("calcium", 101, "mg/L", 10.1),
        ("pth", 10, "pmol/L", 94.3),  # pg/mL = pmol/L x 9.43
        ("pth", 500, "ng/L", 500),
        ("vitamin-d-25", 2.496, "nmol/L", 1.0),  # nmol/L = ng/mL x 2.496
        ("creatinine", 88.4, "umol/L", 1.0),
        ("creatinine", 88.4, "µmol/L", 1.0),  # non-UCUM spelling accepted through an alias
        ("urate", 59.48, "umol/L", 1.0),
        ("calcitriol", 100, "pmol/L", 41.66),
        ("egfr", 45, "mL/min/{1.73_m2}", 45),
    ],
)
def test_converts_to_canonical_unit(name, value, unit, expected):
    assert convert(value, unit, analyte(name), LABS) == pytest.approx(expected, rel=2e-3)


def test_unknown_unit_is_an_error():
    with pytest.raises(UnitError, match="not a known unit"):
        convert(3, "furlongs", analyte("phosphate"), LABS)


def test_unit_of_another_kind_is_an_error():
    with pytest.raises(UnitError, match="cannot be converted"):
        convert(3, "U/L", analyte("phosphate"), LABS)


def test_molar_unit_without_molar_mass_is_an_error():
    with pytest.raises(UnitError):
        convert(3, "mmol/L", analyte("alp"), LABS)
