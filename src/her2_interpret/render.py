"""Renderers: one interpretation as plain text, Markdown, HTML or JSON, for a patient or a clinician.

:func:`render` is the one entry point (``Interpretation.render`` and ``to_text``/``to_markdown``/
``to_html``/``to_json`` call it). Two audiences:

- ``patient``: the plain-language explanation (in ``language``), the summary line and the flags in
  plain words. It holds no report text.
- ``clinician``: the clinical reasoning (English): decisions with rule ids, guideline versions,
  thresholds and the evidence they quote, and every warning with its code and severity. Like the
  command's ``--explain``, it quotes report text (the evidence spans).

Every piece of report text in HTML is escaped (:func:`html.escape`), and in Markdown it is escaped
too (Markdown viewers pass HTML through); the HTML has no script, no event handler and no external
resource. :func:`html_card` is what a notebook shows (``Interpretation._repr_html_``): the summary
line, the flags that need review, and the evidence highlighted with ``<mark>`` in the source text
inside a ``<details>`` element, collapsed by default since it is patient text.

>>> from her2_interpret import interpret
>>> result = interpret("ER: Positive (95%)\\nPR: Negative (<1%)\\nHER2 (4B5): 1+\\nKi-67: 30%")
>>> print(summary_line(result))
ER positive (95%) · PR negative (0 to 1%) · HER2 low (IHC 1+) · Ki-67 30% · luminal B-like
>>> short_summary(result)
'ER positive · PR negative · HER2 low · Ki-67 30% · luminal_b_like · review: 0'
>>> render(result, "markdown").splitlines()[0]
'## Breast biomarker results'
>>> render(result, "pdf")
Traceback (most recent call last):
...
ValueError: unknown format 'pdf'; known formats: text, markdown, html, json
"""

from __future__ import annotations

import html
import json
import re
from typing import TYPE_CHECKING, Any

from .explain import RULE_TEXT, explain_clinical, explain_plain
from .locales import DEFAULT_LANGUAGE, check_language, templates
from .models import Her2Category, Her2Status, Marker, ReceptorResult
from .presence import MARKERS, Presence, presence
from .review import CODES, Severity

if TYPE_CHECKING:
    from .models import Evidence, InterpretationData

__all__ = ["AUDIENCES", "FORMATS", "html_card", "render", "short_summary", "summary_line"]

#: The renderers, and the audiences each can address.
FORMATS: tuple[str, ...] = ("text", "markdown", "html", "json")
AUDIENCES: tuple[str, ...] = ("patient", "clinician")

#: Above this length the card shows only the lines around the evidence, not the whole report.
CARD_TEXT_LIMIT = 20_000

_NAMES: dict[Marker, str] = {Marker.ER: "ER", Marker.PR: "PR", Marker.HER2: "HER2", Marker.KI67: "Ki-67"}
_STATE_WORDS = {  # for __repr__: short and English, never report text
    Presence.ABSENT: "not stated", Presence.UNREAD: "not read", Presence.NOT_DONE: "not done",
    Presence.BLANK: "blank", Presence.ELSEWHERE: "elsewhere", Presence.PENDING: "pending", Presence.RESULT: "unclear",
}


def _check(value: str, known: tuple[str, ...], what: str) -> str:
    if value not in known:
        raise ValueError(f"unknown {what} {value!r}; known {what}s: {', '.join(known)}")
    return value


def _number(value: float) -> str:
    return f"{value:g}" if float(value).is_integer() else f"{value}"


# --------------------------------------------------------------------------- summary lines


def _percent(percent: float | None, percent_range: tuple[float, float] | None, t: Any) -> str | None:
    if percent is not None:
        return f"{_number(percent)}%"
    if percent_range is not None:
        return str(t["percent.range"]).format(low=_number(percent_range[0]), high=_number(percent_range[1]))
    return None


def _summary_values(result: InterpretationData, language: str) -> list[tuple[str, str]]:
    """(label, value) for ER, PR, HER2, Ki-67 and the subtype, in ``language``."""
    t = templates(language)
    c = result.classification
    states = presence(result.findings, c)

    def state(marker: Marker) -> str:
        s = states[marker]
        return t[f"value.{s.value}"] if s is not Presence.PENDING else t["value.pending"]

    def receptor(r: ReceptorResult, marker: Marker) -> str:
        if r.status is None:
            pct = _percent(r.percent, r.percent_range, t)
            return state(marker) + (f" ({pct})" if pct and states[marker] is Presence.RESULT else "")
        pct = _percent(r.percent, r.percent_range, t)
        return t[f"value.{r.status.value}"] + (f" ({pct})" if pct else "")

    h = c.her2
    category = h.category or ({Her2Status.POSITIVE: Her2Category.POSITIVE, Her2Status.NEGATIVE: Her2Category.NEGATIVE,
                               Her2Status.EQUIVOCAL: Her2Category.EQUIVOCAL, Her2Status.PENDING: Her2Category.PENDING}
                              .get(h.status) if h.status else None)
    her2 = t[f"value.{category.value}"] if category else state(Marker.HER2)
    if h.ihc_score is not None:
        her2 += f" (IHC {h.ihc_score.value})"
    k = c.ki67
    ki67 = _percent(k.percent, k.percent_range, t)
    if ki67 is None:
        ki67 = t[f"ki67.word.{k.level.value}"] if k.level is not None else state(Marker.KI67)
    subtype = t[f"subtype_name.{c.subtype.value if c.subtype else 'none'}"]
    return [
        ("ER", receptor(c.er, Marker.ER)),
        ("PR", receptor(c.pr, Marker.PR)),
        ("HER2", her2),
        ("Ki-67", ki67),
        (t["card.subtype"], subtype),
    ]


def summary_line(result: InterpretationData, language: str = DEFAULT_LANGUAGE) -> str:
    """ER, PR, HER2 category, Ki-67 and subtype on one line, in ``language`` (no report text)."""
    values = _summary_values(result, check_language(language))
    parts = [f"{label} {value}" for label, value in values[:4]]
    return " · ".join([*parts, values[4][1]])


def short_summary(result: InterpretationData) -> str:
    """The enumeration values on one line, for ``repr``: never report text."""
    c = result.classification
    states = presence(result.findings, c)

    def word(value: object, marker: Marker) -> str:
        return str(value) if value is not None else _STATE_WORDS[states[marker]]

    k = c.ki67
    ki67 = _percent(k.percent, k.percent_range, templates("en")) or (str(k.level) if k.level else None)
    her2 = c.her2.category or c.her2.status
    return " · ".join([
        f"ER {word(c.er.status, Marker.ER)}",
        f"PR {word(c.pr.status, Marker.PR)}",
        f"HER2 {word(her2, Marker.HER2)}",
        f"Ki-67 {word(ki67, Marker.KI67)}",
        str(c.subtype) if c.subtype else "subtype none",
        f"review: {len(_review_codes(result))}",
    ])


# --------------------------------------------------------------------------- flags


def _review_codes(result: InterpretationData) -> list[str]:
    from .record import review_reasons

    return review_reasons(result)


def _flags(result: InterpretationData) -> list[dict[str, Any]]:
    """The warnings that need review (severity review or conflict), then ``parse.fuzzy`` if set."""
    out = [
        {"code": w.code, "severity": str(w.severity), "marker": w.marker, "message": w.message}
        for w in result.warnings
        if w.needs_review
    ]
    if "parse.fuzzy" in _review_codes(result) and not any(f["code"] == "parse.fuzzy" for f in out):
        out.append({"code": "parse.fuzzy", "severity": str(Severity.REVIEW), "marker": None,
                    "message": f"{CODES['parse.fuzzy'][1]} [parse.fuzzy]"})
    return out


def _plain_flags(result: InterpretationData, language: str) -> list[str]:
    t = templates(language)
    texts = [t.get(f"warning.{f['code']}", t["warning.parse.warning"]) for f in _flags(result)]
    return [s[0].upper() + s[1:] for s in dict.fromkeys(texts)]


# --------------------------------------------------------------------------- evidence


def _evidence(result: InterpretationData) -> list[tuple[str, Evidence]]:
    """(marker label, evidence) for every finding, in text order, without duplicates."""
    seen: set[tuple[int, int]] = set()
    out: list[tuple[str, Evidence]] = []
    for f in result.findings.findings:
        label = {"receptor": _NAMES.get(getattr(f, "marker", None), "ER/PR"), "her2_ihc": "HER2 IHC",  # type: ignore[arg-type]
                 "her2_ish": "HER2 ISH", "her2_status": "HER2", "ki67": "Ki-67", "hr": "HR"}.get(f.kind, f.kind)
        for e in f.evidence:
            if (e.start, e.end) not in seen:
                seen.add((e.start, e.end))
                out.append((label, e))
    return sorted(out, key=lambda p: (p[1].start, p[1].end))


def _spans(text: str, evidence: list[tuple[str, Evidence]]) -> list[tuple[int, int, str]]:
    """Merged (start, end, title) spans whose evidence matches ``text`` exactly."""
    spans: list[tuple[int, int, str]] = []
    for label, e in evidence:
        if not (0 <= e.start < e.end <= len(text)) or text[e.start : e.end] != e.text:
            continue
        title = f"{label}: {e.field} ({e.pattern})"
        if spans and e.start < spans[-1][1]:
            s, end, t = spans[-1]
            spans[-1] = (s, max(end, e.end), t if title in t else f"{t}; {title}")
        else:
            spans.append((e.start, e.end, title))
    return spans


def _marked(text: str, spans: list[tuple[int, int, str]], start: int = 0, end: int | None = None) -> str:
    """``text[start:end]`` escaped, with each span in ``<mark>``."""
    end = len(text) if end is None else end
    out, pos = [], start
    for s, e, title in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        out.append(html.escape(text[pos:s]))
        out.append(f'<mark title="{html.escape(title)}">{html.escape(text[s:e])}</mark>')
        pos = e
    out.append(html.escape(text[pos:end]))
    return "".join(out)


def _excerpts(text: str, spans: list[tuple[int, int, str]]) -> str:
    """The lines holding evidence, one line of context either side, escaped and marked."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    lines = [(s, (starts[i + 1] - 1) if i + 1 < len(starts) else len(text)) for i, s in enumerate(starts)]
    keep: set[int] = set()
    for s, e, _ in spans:
        for i, (ls, le) in enumerate(lines):
            if ls <= e and s <= le:
                keep.update({i - 1, i, i + 1})
    parts, last = [], -2
    for i in sorted(k for k in keep if 0 <= k < len(lines)):
        if i != last + 1:
            parts.append("⋯")
        parts.append(_marked(text, spans, *lines[i]))
        last = i
    return "\n".join(parts)


def _evidence_html(result: InterpretationData, text: str | None, t: Any) -> str:
    evidence = _evidence(result)
    if text is not None:
        spans = _spans(text, evidence)
        body = _marked(text, spans) if len(text) <= CARD_TEXT_LIMIT else _excerpts(text, spans)
        inner = f'<pre style="white-space:pre-wrap;margin:0.4em 0;font-size:0.9em">{body}</pre>'
    elif evidence:
        items = "".join(
            f"<li>{html.escape(label)}: <mark>{html.escape(e.text)}</mark> "
            f"<small>[{e.start}:{e.end}] {html.escape(e.pattern)}</small></li>"
            for label, e in evidence
        )
        inner = f'<ul style="margin:0.4em 0">{items}</ul>'
    else:
        inner = "<p>—</p>"
    return (
        f"<details><summary>{html.escape(t['card.evidence'])}</summary>"
        f"<p><small>{html.escape(t['card.evidence_note'])}</small></p>{inner}</details>"
    )


# --------------------------------------------------------------------------- formats


def _md(text: str) -> str:
    """Report or library text made safe for Markdown: HTML escaped, Markdown syntax backslashed, one line."""
    escaped = html.escape(text, quote=False)
    escaped = re.sub(r"([\\`*_\[\]|~])", r"\\\1", escaped)
    return escaped.replace("\r", "").replace("\n", "⏎")


def _markdown(result: InterpretationData, audience: str, language: str) -> str:
    t = templates(language)
    lines = [f"## {t['card.title']}", "", f"**{_md(summary_line(result, language))}**", ""]
    if audience == "patient":
        flags = _plain_flags(result, language)
        lines += [f"**{t['card.review']}**" if flags else f"*{t['card.no_review']}*", ""]
        lines += [f"- {_md(f)}" for f in flags] + ([""] if flags else [])
        lines += [f"### {t['card.explanation']}", ""]
        for paragraph in explain_plain(result.findings, result.classification, language).split("\n\n"):
            lines += [_md(paragraph), ""]
        return "\n".join(lines).rstrip() + "\n"
    flags = _flags(result)
    lines += [f"**{t['card.review']}**" if flags else f"*{t['card.no_review']}*", ""]
    lines += [f"- `{f['code']}` ({f['severity']}): {_md(f['message'])}" for f in flags] + ([""] if flags else [])
    c = result.classification
    lines += [f"### {t['card.reasoning']}", "", "| decision | value | rule | guideline | evidence |",
              "| --- | --- | --- | --- | --- |"]
    for d in c.decisions:
        evidence = "; ".join(f"[{e.start}:{e.end}] “{_md(e.text)}”" for e in d.evidence) or "—"
        lines.append(f"| {_md(d.target)} | {_md(str(d.value))} | `{d.rule}` | {_md(d.guideline)} | {evidence} |")
    if not c.decisions:
        lines.append("| — | — | — | — | — |")
    rules = list(dict.fromkeys(d.rule for d in c.decisions))
    if rules:
        lines += ["", "**Rules**", ""] + [f"- `{r}`: {_md(RULE_TEXT.get(r, 'no description'))}" for r in rules]
    states = presence(result.findings, c)
    lines += ["", "**Presence**: " + "; ".join(f"{_NAMES[m]} {states[m].value}" for m in MARKERS)]
    lines += ["", "**Warnings**" if result.warnings else "**Warnings**: none", ""]
    lines += [f"- `{w.code}` ({w.severity}): {_md(w.message)}" for w in result.warnings]
    return "\n".join(lines).rstrip() + "\n"


def _json(result: InterpretationData, audience: str, language: str) -> str:
    c = result.classification
    states = presence(result.findings, c)
    data: dict[str, Any] = {
        "audience": audience,
        "language": language if audience == "patient" else "en",
        "summary_line": summary_line(result, language),
        "summary": {
            "er_status": c.er.status, "pr_status": c.pr.status, "her2_status": c.her2.status,
            "her2_category": c.her2.category, "ki67_percent": c.ki67.percent,
            "ki67_percent_range": c.ki67.percent_range, "subtype": c.subtype,
        },
        "presence": {_NAMES[m]: states[m] for m in MARKERS},
        "needs_review": bool(_review_codes(result)),
    }
    if audience == "patient":
        plain = explain_plain(result.findings, c, language)
        data["review_flags"] = _plain_flags(result, language)
        data["paragraphs"] = plain.split("\n\n")
        data["text"] = plain
    else:
        data["review_flags"] = _flags(result)
        data["decisions"] = [
            {**d.model_dump(mode="json"), "rule_text": RULE_TEXT.get(d.rule)} for d in c.decisions
        ]
        data["warnings"] = [w.model_dump(mode="json") for w in result.warnings]
        data["guideline_versions"] = dict(c.guideline_versions)
        data["options"] = dict(c.options)
        data["text"] = explain_clinical(result.findings, c)
    return json.dumps(data, ensure_ascii=False, indent=2, default=str)


_CARD_STYLE = ("border:1px solid #bbb;border-radius:6px;padding:0.6em 0.9em;margin:0.3em 0;"
               "font-family:system-ui,sans-serif;font-size:0.95em;max-width:60em")
_BADGE = {"conflict": "#b00020", "review": "#8a5a00", "info": "#555"}


def _flags_html(result: InterpretationData, audience: str, language: str, t: Any) -> str:
    if audience == "patient":
        items = [html.escape(f) for f in _plain_flags(result, language)]
    else:
        items = [
            f'<b style="color:{_BADGE.get(f["severity"], "#555")}">{html.escape(f["severity"])}</b> '
            f'<code>{html.escape(f["code"])}</code> {html.escape(f["message"])}'
            for f in _flags(result)
        ]
    if not items:
        return f'<div style="color:#2e7d32">✓ {html.escape(t["card.no_review"])}</div>'
    lis = "".join(f"<li>{i}</li>" for i in items)
    return f'<div><b>{html.escape(t["card.review"])}</b><ul style="margin:0.2em 0">{lis}</ul></div>'


def html_card(result: InterpretationData, language: str = DEFAULT_LANGUAGE, text: str | None = None,
              audience: str = "clinician", full: bool = False) -> str:
    """The HTML card: summary line, flags that need review, the explanation (open when ``full``,
    else collapsed) and the evidence, highlighted in ``text`` when given, collapsed."""
    language = check_language(language)
    _check(audience, AUDIENCES, "audience")
    t = templates(language)
    summary = html.escape(summary_line(result, language))
    if audience == "patient":
        paragraphs = explain_plain(result.findings, result.classification, language).split("\n\n")
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
        heading = t["card.explanation"]
    else:
        clinical = explain_clinical(result.findings, result.classification)
        body = f'<pre style="white-space:pre-wrap;font-size:0.85em">{html.escape(clinical)}</pre>'
        heading = t["card.reasoning"]
    opened = " open" if full else ""
    return (
        f'<div class="her2-interpret-card" lang="{language}" style="{_CARD_STYLE}">'
        f'<div style="font-size:0.8em;color:#666">{html.escape(t["card.title"])}</div>'
        f'<div style="font-weight:600;margin:0.2em 0">{summary}</div>'
        f"{_flags_html(result, audience, language, t)}"
        f"<details{opened}><summary>{html.escape(heading)}</summary>{body}</details>"
        f"{_evidence_html(result, text, t)}"
        "</div>"
    )


def render(result: InterpretationData, format: str = "text", audience: str = "patient",
           language: str = DEFAULT_LANGUAGE, text: str | None = None) -> str:
    """``result`` in ``format`` (:data:`FORMATS`) for ``audience`` (:data:`AUDIENCES`).

    ``language`` is that of the patient text and of the labels; the clinician's reasoning is in
    English. ``text``, the report, lets the HTML highlight the evidence in it (default: the text
    :func:`~her2_interpret.interpret` read, when it kept it). Unknown values raise :class:`ValueError`.
    """
    _check(format, FORMATS, "format")
    _check(audience, AUDIENCES, "audience")
    language = check_language(language)
    if format == "text":
        if audience == "patient":
            return explain_plain(result.findings, result.classification, language)
        return explain_clinical(result.findings, result.classification)
    if format == "markdown":
        return _markdown(result, audience, language)
    if format == "json":
        return _json(result, audience, language)
    source = text if text is not None else getattr(result, "_text", None)
    return html_card(result, language, source, audience, full=True)
