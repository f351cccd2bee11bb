"""Renderers, languages and "not read" versus "not stated" (issue #10).

Over every corpus case: each format, audience and language renders; the plain text stays at reading
grade 8 or below and gives no advice; ``repr`` is short and quotes no report text. A small table checks
that a marker the report never names, one named with no result and one named with a result this
library could not read are told apart, in the text and in the warnings. The template registry is
complete: both languages have the same keys and placeholders, every warning code has a sentence and
every rule id a clinical gloss.
"""

from __future__ import annotations

import importlib.metadata
import json
import re
import string
from pathlib import Path

import pytest

from corpus_cases import load_cases
from her2_interpret import Findings, interpret
from her2_interpret.explain import RULE_TEXT, explain
from her2_interpret.locales import LANGUAGES, placeholders, templates
from her2_interpret.models import Classification
from her2_interpret.presence import Presence, presence
from her2_interpret.render import AUDIENCES, FORMATS, html_card, render
from her2_interpret.review import CODES

ROOT = Path(__file__).resolve().parents[1]
CASES = load_cases()
EXAMPLE = (ROOT / "examples" / "report_001.txt").read_text(encoding="utf-8")
TEXTS = [pytest.param(c.text, id=c.id) for c in CASES] + [pytest.param(EXAMPLE, id="examples/report_001")]

#: Advice and prognosis words the plain text must never use (as tests/test_explain.py).
ADVICE = re.compile(
    r"\b(you should|should|we recommend|recommend\w*|you must|must|you need|need to|advise\w*|"
    r"prognosis|survival|outlook|cure[ds]?|life expectancy|chance of)\b",
    re.IGNORECASE,
)
REPR = re.compile(r"^<Interpretation ER [a-z_ ]+ · PR [a-z_ ]+ · HER2 [a-z_ ]+ · Ki-67 [0-9a-z.% ]+ · [a-z0-9_ ]+ · "
                  r"review: \d+>$")


def _textstat():  # type: ignore[no-untyped-def]
    textstat = pytest.importorskip("textstat")
    if importlib.metadata.version("textstat") != "0.7.3":
        pytest.skip("needs textstat==0.7.3 exactly (later versions fetch NLTK data at run time)")
    return textstat


# --------------------------------------------------------------------------- every corpus case


@pytest.mark.parametrize("text", TEXTS)
def test_every_case_renders_in_every_format_audience_and_language(text: str) -> None:
    result = interpret(text)
    for language in LANGUAGES:
        for audience in AUDIENCES:
            for fmt in FORMATS:
                out = render(result, fmt, audience, language)
                assert isinstance(out, str) and out.strip()
                if fmt == "json":
                    data = json.loads(out)
                    assert data["audience"] == audience
                if fmt == "html":
                    assert "<script" not in out.lower()
        plain = result.to_text(language=language)
        assert plain.endswith(templates(language)["care_team"])
        assert "{" not in plain and "}" not in plain
    assert result._repr_html_().count("<details>") == 2  # reasoning and evidence, both collapsed


def test_plain_text_reading_grade_and_no_advice_over_the_corpus() -> None:
    textstat = _textstat()
    worst = (0.0, "")
    for case in CASES:
        plain = interpret(case.text).explanation.plain
        assert not ADVICE.search(plain), (case.id, ADVICE.search(plain))
        grade = textstat.flesch_kincaid_grade(plain)
        worst = max(worst, (grade, case.id))
    assert worst[0] <= 8, worst


@pytest.mark.parametrize("text", TEXTS)
def test_repr_is_short_and_quotes_no_report_text(text: str) -> None:
    result = interpret(text)
    shown = repr(result)
    assert REPR.match(shown), shown
    assert len(shown) < 160
    assert str(result) == shown


# --------------------------------------------------------------------------- escaping

HOSTILE = (
    '<script>alert("x")</script> Patient <img src=x onerror=alert(1)>\n'
    "ER: Positive (95%) <script>document.cookie</script>\n"
    "PR: Negative (0%) ` | *bold* [link](javascript:alert(1))\n"
    "HER2 (4B5): 1+ </details></pre><script>\n"
    "Ki-67: 30%"
)


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_report_text_is_escaped_in_html_and_markdown(audience: str, language: str) -> None:
    result = interpret(HOSTILE)
    outputs = [
        render(result, "html", audience, language),
        render(result, "html", audience, language, text=HOSTILE),
        render(result, "markdown", audience, language),
        result._repr_html_(),
    ]
    for out in outputs:
        lowered = out.lower()
        assert "<script" not in lowered and "<img" not in lowered
        assert not re.search(r"<[a-z][^>]*\son\w+\s*=", lowered)  # no element carries an event handler
    assert "[link](javascript:" not in outputs[2]  # in Markdown the link is escaped (inert text in HTML)
    card = result._repr_html_()
    assert "&lt;script&gt;" in card  # the source text is there, escaped
    assert "<mark" in card and "<details open" not in card
    assert card.count("</details>") == 2  # the report's own "</details>" did not close the card's


def test_evidence_is_marked_in_the_source_text() -> None:
    result = interpret(EXAMPLE)
    card = html_card(result, text=EXAMPLE)
    marks = re.findall(r"<mark[^>]*>(.*?)</mark>", card)
    assert "90%" in marks and "Score 2+" in marks
    without = html_card(result)  # no text: the evidence is listed
    assert "<mark>90%</mark>" in without


def test_unknown_format_audience_or_language_raises() -> None:
    result = interpret("ER: Positive (95%)")
    with pytest.raises(ValueError, match="known formats: text, markdown, html, json"):
        result.render("pdf")
    with pytest.raises(ValueError, match="known audiences: patient, clinician"):
        result.render("text", "nurse")
    with pytest.raises(ValueError, match="known languages: en, es"):
        result.to_text(language="fr")
    with pytest.raises(ValueError, match="known languages: en, es"):
        explain(Findings(), Classification(), language="de")


# --------------------------------------------------------------------------- not read vs not stated


@pytest.mark.parametrize(
    ("text", "marker", "state", "says", "code"),
    [
        # the example: HER2 is in the report with a result the parser could not read
        ("ER: Positive (90%)\nPR: Negative (0%)\nHER-2/NEU IHC ..... 0?\nKi-67: 20%", "her2", Presence.UNREAD,
         "The report names HER2, but this tool could not read a result.", "parse.unread"),
        ("ER: Positive (90%)\nPR: Negative (0%)\nHER2: see comment\nKi-67: 20%", "her2", Presence.UNREAD,
         "please check the report itself", "parse.unread"),
        ("ER: Positive (90%)\nPR: Negative (0%)\nHER2 (4B5): 1+\nKi-67: not performed", "ki67", Presence.NOT_DONE,
         "The report says these tests were not done: Ki-67.", "parse.no_result"),
        ("ER: Positive (90%)\nPR: Negative (0%)\nHER2 (4B5): 1+\nKi-67: ____ %", "ki67", Presence.BLANK,
         "The report names Ki-67, but leaves the result blank.", "parse.no_result"),
        ("ER: Positive (90%)\nPR and HER2 will be performed on the excision specimen.", "her2", Presence.PENDING,
         "Still pending: PR and HER2.", "parse.no_result"),
        ("ER: Positive (90%)\nPR: Negative (0%)\n- HER2 STUDIES: PREVIOUSLY REPORTED", "her2", Presence.ELSEWHERE,
         "The report says the results for HER2 are in another report.", "parse.no_result"),
        ("ER: Positive (90%)\nPR: Negative (0%)\nHER2: pending", "her2", Presence.PENDING,
         "Still pending: HER2.", None),
        ("ER: Positive (90%)\nPR: Negative (0%)\nHER2 (4B5): 1+", "ki67", Presence.ABSENT,
         "Not in this report: Ki-67.", None),
    ],
)
def test_not_stated_no_result_and_not_read_are_told_apart(
    text: str, marker: str, state: Presence, says: str, code: str | None
) -> None:
    result = interpret(text)
    states = {str(m): s for m, s in presence(result.findings, result.classification).items()}
    assert states[marker] is state
    plain = result.explanation.plain
    assert says in plain
    name = {"her2": "HER2", "ki67": "Ki-67"}[marker]
    if state is not Presence.ABSENT:
        assert not re.search(rf"Not in this report:[^.]*\b{name}\b", plain)
    codes = {w.code for w in result.warnings if w.marker == marker}
    if code is not None:
        assert code in codes
        record = result.to_record()
        assert code in record["warnings"][-1] or any(code in w for w in record["warnings"])
        assert record["needs_review"] is (code == "parse.unread")
    else:
        assert not codes & {"parse.unread", "parse.no_result"}


def test_unread_without_the_text_is_conservative() -> None:
    # findings and a classification without interpret()'s warnings: a named marker counts as not read
    f = Findings(mentioned=("her2",))  # type: ignore[arg-type]
    text = explain(f, Classification()).plain
    assert "The report names HER2, but this tool could not read a result." in text
    assert "Not in this report: ER, PR and Ki-67." in text


def test_an_option_that_empties_the_subtype_is_named() -> None:
    text = "ER: Positive (95%)\nPR: Negative (0%)\nHER2 (4B5): 3+\nKi-67: 30%"
    assert interpret(text).subtype is not None
    result = interpret(text, triple_positive_requires_pr=True)
    assert result.subtype is None
    plain = result.explanation.plain
    assert "triple_positive_requires_pr" in plain
    assert "missing, pending or unclear" not in plain
    assert "triple_positive_requires_pr" in result.to_text(language="es")


def test_a_changed_cutoff_is_named() -> None:
    plain = interpret("ER 90%\nPR 50%\nHER2 1+\nKi-67 16%", ki67_high_cutoff=14).explanation.plain
    assert "This tool was set to call Ki-67 high from 14%. The usual setting is 20%." in plain


# --------------------------------------------------------------------------- the template registry


def test_languages_have_the_same_keys_and_placeholders() -> None:
    english = templates("en")
    for language in LANGUAGES:
        other = templates(language)
        assert set(other) == set(english), (language, set(other) ^ set(english))
        for key, template in english.items():
            assert placeholders(other[key]) == placeholders(template), (language, key)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_template_fills_with_its_placeholders(language: str) -> None:
    for key, template in templates(language).items():
        values = {name: "X" for name in placeholders(template)}
        filled = template.format(**values)
        assert "{" not in filled and "}" not in filled, key
        for _, name, spec, conv in string.Formatter().parse(template):
            assert not spec and not conv, key  # plain {name} only


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_warning_code_has_a_plain_sentence(language: str) -> None:
    t = templates(language)
    missing = [code for code in CODES if f"warning.{code}" not in t]
    assert not missing
    stray = [k for k in t if k.startswith("warning.") and k.removeprefix("warning.") not in CODES]
    assert not stray


def test_every_rule_id_has_a_clinical_gloss() -> None:
    guidelines = (ROOT / "tests" / "spec" / "guidelines.md").read_text(encoding="utf-8")
    ids = set(re.findall(r"\[((?:her2|er|pr|receptor|hr|ki67|subtype|report|explain)(?:\.[a-z0-9_*-]+)*)\]",
                         guidelines))
    ids |= {f"her2.ish.group{n}" for n in range(1, 6)}
    assert {"her2.final", "ki67", "subtype", "report.*"} <= ids
    assert not ids - set(RULE_TEXT), ids - set(RULE_TEXT)


def test_every_decision_rule_over_the_corpus_has_a_gloss() -> None:
    rules = {d.rule for case in CASES for d in interpret(case.text).classification.decisions}
    assert rules and not rules - set(RULE_TEXT), rules - set(RULE_TEXT)


def test_evidence_text_is_escaped_in_markdown_and_html() -> None:
    from her2_interpret.models import Decision, Evidence
    from her2_interpret.result import Interpretation

    hostile = "<script>x</script> | `code` [a](javascript:b)"
    evidence = Evidence(field="status", start=0, end=len(hostile), text=hostile, pattern="receptor.status.pos")
    c = Classification(decisions=(Decision(target="er_status", value="positive", rule="er.status",
                                           guideline="asco-cap-er-pr-2020", evidence=(evidence,)),))
    result = Interpretation(findings=Findings(), classification=c)
    markdown = result.to_markdown("clinician")
    assert "<script" not in markdown and "&lt;script&gt;" in markdown
    assert "[a](javascript:" not in markdown and "\\|" in markdown  # no link, no table cell break
    for out in (result.to_html("clinician"), result.to_html("clinician", text=hostile), result._repr_html_()):
        assert "<script" not in out


def test_readme_examples_are_real_output() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    result = interpret("ER: Positive (95%)\nPR: Negative (0%)\nHER-2/NEU IHC ..... 0?\nKi-67: not performed")
    for audience in ("patient", "clinician"):
        block = re.search(rf"<!-- example: {audience} -->\n```text\n(.*?)\n```", readme, re.S)
        assert block is not None, audience
        assert block.group(1) == result.to_text(audience), audience
    assert f"`{result!r}`" in readme
