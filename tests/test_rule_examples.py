"""One harness for every rule's examples (rules/examples/<rules file>.yml): each case gives an
input and the values the rules must produce; a new case is a line of YAML, not a new test."""
import pytest
import yaml

from extractors import extract_document, nlp, rules
from extractors.agencies import AddresseeParser
from extractors.metadata import extract_metadata
from extractors.model import DocumentMeta
from extractors.names import canonical, lexicons
from extractors.pillars import classifier
from extractors.structure import marker_of, segment
from extractors.text import fold, strip_accents
from extractors.times import find_recurrences, find_times
from pipeline.normalize import clean

EXAMPLES = rules.RULES_DIR / "examples"


def time_case(case):
    if "recurrence" in case:
        doc = nlp().make_doc(case["text"])
        found = find_recurrences(doc._.folded, doc._.words, lexicons()["verbs"])
        return {"recurrence": found[0].value if found else None}
    meta = DocumentMeta(issued_date=case["issued"], year_hint=case["year"])
    deadlines = [t for t in find_times(fold(case["text"]), meta) if t.strength and t.value]
    best = max(deadlines, key=lambda t: t.strength, default=None)
    last = [t for t in deadlines if best and t.strength == best.strength][-1:] or [None]
    return {"deadline": last[0] and last[0].value, "kind": last[0] and last[0].kind}


def structure_case(case):
    if "excluded" in case:
        return {"excluded": segment(case["line"])[0].excluded}
    return {"marker": marker_of(case["line"])[0]}


def agencies_case(case):
    if "mention" in case:
        return {"agency": canonical(case["mention"])}
    found, _ = AddresseeParser(nlp()(case["text"])).parse(0)
    return {"agencies": [a.agency for a in found]}


def cues_case(case):
    tasks = extract_document(clean(case["text"])).tasks
    if case.get("tasks") == 0:
        return {"tasks": len(tasks)}
    assert len(tasks) == 1, [t.text for t in tasks]
    roles = {role: [a.agency for a in tasks[0].agencies if a.role == role]
             for role in ("lead", "support")}
    return {"leads": roles["lead"], "supports": roles["support"]}


def pillars_case(case):
    if "line" in case:
        return {"pillar": next((t.pillar for t in extract_document(
            case["line"] + "\n- Sở Tài chính chủ trì triển khai.").tasks), None)}
    return {"pillar": classifier().classify(case["text"], case.get("digital", False))}


def metadata_case(case):
    meta = extract_metadata(clean(case["text"]))
    return {"number": meta.doc_number, "date": meta.issued_date, "type": meta.doc_type,
            "issuer": meta.issuer, "title": meta.title}


# rules file → (how a case is run, its input keys, the outputs a case may state)
HARNESS = {
    "time": (time_case, {"text", "issued", "year"}, {"deadline", "kind", "recurrence"}),
    "structure": (structure_case, {"line"}, {"marker", "excluded"}),
    "agencies": (agencies_case, {"mention", "text"}, {"agency", "agencies"}),
    "cues": (cues_case, {"text"}, {"leads", "supports", "tasks"}),
    "pillars": (pillars_case, {"text", "line", "digital"}, {"pillar"}),
    "metadata": (metadata_case, {"text"}, {"number", "date", "type", "issuer", "title"}),
}


def load_cases():
    for path in sorted(EXAMPLES.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for n, case in enumerate(data["examples"]):
            case = {**data.get("defaults", {}), **case}
            label = str(case.get("text") or case.get("line") or case.get("mention"))[:50]
            yield pytest.param(path.stem, case, id=f"{path.stem}[{n}] {strip_accents(label)}")


CASES = list(load_cases())


def test_every_examples_file_is_a_rules_file_with_a_harness():
    stems = {path.stem for path in EXAMPLES.glob("*.yml")}
    assert stems == set(HARNESS)
    assert stems <= {name.removesuffix(".yml") for name in rules.SCHEMA}


@pytest.mark.parametrize("rules_file, case", CASES)
def test_rule_example(rules_file, case):
    run, inputs, outputs = HARNESS[rules_file]
    assert set(case) <= inputs | outputs, f"unknown keys {set(case) - inputs - outputs}"
    expected = {key: case[key] for key in outputs if key in case}
    assert expected, "the case states no expected value"
    actual = run(case)
    assert {key: actual[key] for key in expected} == expected
