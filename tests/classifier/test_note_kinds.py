"""Each note of the RiskAssessment says what it is (output.NOTE_KIND), and the CDS card finds the
notes by that kind, not by their opening words."""

from services.classifier.cds_hooks import card_from_result
from services.classifier.output import NOTE_KIND
from tests.classifier.builders import finding
from tests.classifier.test_management_and_safety import dialysis_patient, osteosarcoma_like, risk_of

KINDS = {"alert", "cant-miss-check", "none-fits", "next-best-test", "also-informative", "suggested-test", "management"}


def kind(note: dict) -> str:
    [code] = [e["valueCode"] for e in note.get("extension", []) if e["url"] == NOTE_KIND]
    return code


def on_calcitriol_and_calcium_carbonate() -> dict:
    return dialysis_patient(45, finding("active-vitamin-d-therapy", id="vd"), finding("calcium-based-binder", id="cb"))


def reworded(result: dict) -> dict:
    """The result with the words of every note changed but the alarm's (the card shows its level
    and summary, written into its text)."""
    for note in risk_of(result)["note"]:
        if kind(note) != "alert":
            note["text"] = "Reworded: " + note["text"]
    return result


def test_every_note_has_one_known_kind():
    for result in (osteosarcoma_like(), on_calcitriol_and_calcium_carbonate()):
        assert {kind(note) for note in risk_of(result)["note"]} <= KINDS
    assert [kind(note) for note in risk_of(osteosarcoma_like())["note"][:2]] == ["alert", "cant-miss-check"]


def test_the_card_finds_the_notes_by_their_kind_not_their_words():
    stopping = card_from_result(reworded(on_calcitriol_and_calcium_carbonate()))
    assert stopping.indicator == "warning" and "2 current treatments to stop" in stopping.summary
    assert "- Reworded: Management consideration: [STOP]" in stopping.detail
    alarmed = card_from_result(reworded(osteosarcoma_like()))
    assert alarmed.indicator == "critical" and alarmed.summary.startswith("Exclude malignancy")
    assert "**Reworded: Can't-miss check" in alarmed.detail
