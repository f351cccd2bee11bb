"""Validate the labelled corpus files (stdlib only).

Usage::

    python tests/corpus/check_corpus.py            # tests/corpus/shared/*.jsonl and tests/corpus/*.jsonl
    python tests/corpus/check_corpus.py FILE ...   # the given files

Checks every line of every file:

- the line parses as a JSON object with exactly ``id``, ``text``, ``expected``, ``tags`` and ``note``;
  ids are unique across all files checked; ``tags`` is a non-empty list of strings; ``note`` and ``text``
  are non-empty strings;
- every ``expected`` column is one ``spec/record.md`` names, and every value is one it allows
  (enumerations, 0-100 percents, ``[low, high]`` ranges with low <= high, ISH group 1-5, Allred 0 or 2-8,
  H-score 0-300, ISH numbers positive);
- the labels agree with each other under ``spec/guidelines.md``: percent vs range, status vs percent, range
  and Allred score, HER2 category vs status and IHC score, ISH group vs ratio and copy number (never
  rounded), HR status vs ER/PR, and the St Gallen surrogate subtype vs the statuses, PR percent and Ki-67.

Only columns a case names are checked, so a check runs only when the columns it needs are present.
Errors make the exit status 1; warnings (soft disagreements a careful labeller may intend, such as a stated
ISH result that differs from its group) are printed and do not fail the run.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

# ----------------------------------------------------------------------------- record.md vocabulary
RECEPTOR_STATUS = {"positive", "low_positive", "negative", "pending", "equivocal"}
INTENSITY = {"weak", "moderate", "strong", "weak_to_moderate", "moderate_to_strong", "weak_to_strong"}
IHC_SCORE = {"0", "1+", "2+", "3+"}
IHC_STAINING = {"none", "faint"}
ISH_RESULT = {"amplified", "not_amplified", "equivocal", "pending"}
HER2_STATUS = {"positive", "negative", "equivocal", "pending"}
HER2_CATEGORY = {"positive", "equivocal", "low", "ultralow", "zero_null", "zero", "negative", "pending"}
HR_STATUS = {"positive", "negative"}
SUBTYPE = {
    "luminal_a_like", "luminal_b_like", "hr_positive_her2_negative",
    "triple_positive", "her2_enriched", "triple_negative",
}

ENUM_COLUMNS: dict[str, set[str]] = {
    "er_status": RECEPTOR_STATUS, "pr_status": RECEPTOR_STATUS,
    "er_intensity": INTENSITY, "pr_intensity": INTENSITY,
    "her2_ihc_score": IHC_SCORE, "her2_ihc_staining": IHC_STAINING,
    "her2_ish_result": ISH_RESULT, "her2_status": HER2_STATUS, "her2_category": HER2_CATEGORY,
    "hr_status": HR_STATUS, "subtype": SUBTYPE,
}
PERCENT_COLUMNS = {"er_percent", "pr_percent", "ki67_percent"}
RANGE_COLUMNS = {"er_percent_range", "pr_percent_range", "ki67_percent_range"}
ALLRED_COLUMNS = {"er_allred", "pr_allred"}
HSCORE_COLUMNS = {"er_h_score", "pr_h_score"}
ISH_NUMBER_COLUMNS = {"her2_ish_ratio", "her2_ish_copy_number", "her2_ish_cep17"}
GROUP_COLUMNS = {"her2_ish_group"}
ALL_COLUMNS = (
    set(ENUM_COLUMNS) | PERCENT_COLUMNS | RANGE_COLUMNS | ALLRED_COLUMNS | HSCORE_COLUMNS
    | ISH_NUMBER_COLUMNS | GROUP_COLUMNS
)
CASE_KEYS = {"id", "text", "expected", "tags", "note"}

# ----------------------------------------------------------------------------- guidelines.md thresholds
RECEPTOR_LOW_MIN = 1.0  # [er.status] >=1% positive or low positive
RECEPTOR_LOW_MAX = 10.0  # [er.status] 1-10% low positive, 10 inclusive
PR_LUMINAL_A_MIN = 20.0  # [subtype] PR >= 20% for luminal A-like
KI67_HIGH = 20.0  # [ki67] high if >= 20%
ISH_RATIO_CUT = 2.0  # [her2.ish.group1-5], inclusive on the higher side
ISH_COPIES_LOW = 4.0
ISH_COPIES_HIGH = 6.0
RATIO_TOLERANCE = 0.06  # stated ratio vs HER2/CEP17 from the stated averages (reports round to 2 places)
HER2_NEGATIVE_CATEGORIES = {"low", "ultralow", "zero_null", "zero", "negative"}


def is_number(value: Any) -> bool:
    """True for int/float (not bool), finite."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def ish_group(ratio: float, copies: float) -> int:
    """ASCO/CAP 2018 dual-probe group; never rounds (1.99 is below 2.0)."""
    if ratio >= ISH_RATIO_CUT:
        return 1 if copies >= ISH_COPIES_LOW else 2
    if copies >= ISH_COPIES_HIGH:
        return 3
    if copies >= ISH_COPIES_LOW:
        return 4
    return 5


def status_from_percent(percent: float) -> str:
    if percent < RECEPTOR_LOW_MIN:
        return "negative"
    if percent <= RECEPTOR_LOW_MAX:
        return "low_positive"
    return "positive"


def status_from_range(low: float, high: float) -> str | None:
    """The status a range settles on its own, or None when it spans a cut-off ([receptor.range])."""
    if low == 0 and high <= RECEPTOR_LOW_MIN:  # '<1%' is [0, 1]
        return "negative"
    if low >= RECEPTOR_LOW_MIN and high <= RECEPTOR_LOW_MAX:
        return "low_positive"
    if low > RECEPTOR_LOW_MAX:
        return "positive"
    return None


class Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.ids: dict[str, str] = {}

    # ------------------------------------------------------------------ reporting
    def error(self, where: str, message: str) -> None:
        self.errors.append(f"{where}: {message}")

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(f"{where}: WARNING {message}")

    # ------------------------------------------------------------------ files and lines
    def check_file(self, path: Path) -> int:
        count = 0
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                where = f"{path.name}:{number}"
                if not line.strip():
                    self.error(where, "blank line")
                    continue
                try:
                    case = json.loads(line)
                except json.JSONDecodeError as exc:
                    self.error(where, f"not valid JSON ({exc})")
                    continue
                count += 1
                self.check_case(where, case)
        return count

    def check_case(self, where: str, case: Any) -> None:
        if not isinstance(case, dict):
            self.error(where, "line is not a JSON object")
            return
        keys = set(case)
        if keys != CASE_KEYS:
            missing, extra = CASE_KEYS - keys, keys - CASE_KEYS
            self.error(where, f"keys differ: missing {sorted(missing)}, unexpected {sorted(extra)}")
        case_id = case.get("id")
        if not isinstance(case_id, str) or not case_id:
            self.error(where, "id missing or not a string")
        else:
            if case_id in self.ids:
                self.error(where, f"duplicate id {case_id!r} (first at {self.ids[case_id]})")
            self.ids.setdefault(case_id, where)
            where = f"{where} [{case_id}]"
        if not isinstance(case.get("text"), str) or not case.get("text", "").strip():
            self.error(where, "text missing or empty")
        tags = case.get("tags")
        if not isinstance(tags, list) or not tags or not all(isinstance(t, str) and t for t in tags):
            self.error(where, "tags must be a non-empty list of non-empty strings")
        note = case.get("note")
        if not isinstance(note, str) or not note.strip():
            self.error(where, "note missing or empty")
        expected = case.get("expected")
        if not isinstance(expected, dict) or not expected:
            self.error(where, "expected must be a non-empty object")
            return
        if self.check_values(where, expected):
            self.check_consistency(where, expected, note if isinstance(note, str) else "")

    # ------------------------------------------------------------------ single values
    def check_values(self, where: str, exp: dict[str, Any]) -> bool:
        ok = True
        for column, value in exp.items():
            if column not in ALL_COLUMNS:
                self.error(where, f"unknown column {column!r}")
                ok = False
                continue
            if value is None:
                continue
            problem = self.value_problem(column, value)
            if problem:
                self.error(where, f"{column}={value!r}: {problem}")
                ok = False
        return ok

    @staticmethod
    def value_problem(column: str, value: Any) -> str | None:
        if column in ENUM_COLUMNS:
            if value not in ENUM_COLUMNS[column]:
                return f"not one of {sorted(ENUM_COLUMNS[column])}"
        elif column in PERCENT_COLUMNS:
            if not is_number(value) or not 0 <= value <= 100:
                return "a percent must be a number 0-100"
        elif column in RANGE_COLUMNS:
            if (not isinstance(value, list) or len(value) != 2 or not all(is_number(v) for v in value)):
                return "a range must be [low, high] numbers"
            if not (0 <= value[0] <= value[1] <= 100):
                return "range needs 0 <= low <= high <= 100"
        elif column in ALLRED_COLUMNS:
            if not isinstance(value, int) or isinstance(value, bool) or value not in (0, 2, 3, 4, 5, 6, 7, 8):
                return "Allred total is an integer 0 or 2-8 (a total of 1 cannot occur)"
        elif column in HSCORE_COLUMNS:
            if not is_number(value) or not 0 <= value <= 300:
                return "H-score is a number 0-300"
        elif column in ISH_NUMBER_COLUMNS:
            if not is_number(value) or value <= 0:
                return "ISH numbers are positive numbers"
        elif column in GROUP_COLUMNS:
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
                return "ISH group is an integer 1-5"
        return None

    # ------------------------------------------------------------------ consistency
    def check_consistency(self, where: str, exp: dict[str, Any], note: str = "") -> None:
        for receptor in ("er", "pr"):
            self.check_receptor(where, exp, receptor, note)
        self.check_ki67(where, exp)
        self.check_her2(where, exp)
        self.check_hr(where, exp)
        self.check_subtype(where, exp)

    def check_receptor(self, where: str, exp: dict[str, Any], rec: str, note: str = "") -> None:
        status = exp.get(f"{rec}_status")
        percent = exp.get(f"{rec}_percent")
        prange = exp.get(f"{rec}_percent_range")
        allred = exp.get(f"{rec}_allred")
        if percent is not None and prange is not None:
            self.error(where, f"{rec}_percent and {rec}_percent_range are both set (one number or a range)")
        final = status not in (None, "pending", "equivocal")
        if status in ("pending", "equivocal") and (percent is not None or prange is not None):
            self.warn(where, f"{rec}_status {status} with a percent")
        if final and percent is not None and status != status_from_percent(percent):
            self.error(where, f"{rec}_status {status} does not match {rec}_percent {percent} "
                              f"({status_from_percent(percent)}); a contradiction is labelled null")
        if final and prange is not None:
            settled = status_from_range(*prange)
            if settled is not None and status != settled:
                self.error(where, f"{rec}_status {status} does not match range {prange} ({settled})")
        if final and allred is not None and percent is None and prange is None:
            if allred <= 2 and status != "negative":
                self.error(where, f"{rec}_allred {allred} (0-2) is negative, not {status}")
            if allred >= 6 and status != "positive":
                self.error(where, f"{rec}_allred {allred} (6-8, PS >= 3) is positive, not {status}")
        if status is None and f"{rec}_status" in exp and percent is not None and prange is None and allred is None:
            # a null status beside a plain percent is only right for a word/number contradiction or conflict
            if not any(word in note.lower() for word in ("contradict", "conflict")):
                self.warn(where, f"{rec}_status null beside {rec}_percent {percent}: the note should say which "
                                 "contradiction makes it null")

    def check_ki67(self, where: str, exp: dict[str, Any]) -> None:
        if exp.get("ki67_percent") is not None and exp.get("ki67_percent_range") is not None:
            self.error(where, "ki67_percent and ki67_percent_range are both set")

    def check_her2(self, where: str, exp: dict[str, Any]) -> None:
        status = exp.get("her2_status")
        category = exp.get("her2_category")
        score = exp.get("her2_ihc_score")
        staining = exp.get("her2_ihc_staining")
        ratio = exp.get("her2_ish_ratio")
        copies = exp.get("her2_ish_copy_number")
        cep17 = exp.get("her2_ish_cep17")
        group = exp.get("her2_ish_group")
        ish = exp.get("her2_ish_result")

        # category follows the final status [her2.final]
        if "her2_status" in exp and "her2_category" in exp:
            if (status is None) != (category is None):
                self.error(where, f"her2_status {status} with her2_category {category}: both or neither are null")
            elif status == "negative" and category not in HER2_NEGATIVE_CATEGORIES:
                self.error(where, f"her2_status negative needs a negative category, not {category}")
            elif status in ("positive", "equivocal", "pending") and category != status:
                self.error(where, f"her2_status {status} needs her2_category {status}, not {category}")
        if category in HER2_NEGATIVE_CATEGORIES and "her2_status" in exp and status != "negative":
            self.error(where, f"her2_category {category} requires her2_status negative, not {status}")

        # category vs the IHC score and 0-staining
        if category == "low" and score not in (None, "1+", "2+"):
            self.error(where, f"category low needs IHC 1+ or 2+ (or no score), not {score}")
        if category in ("ultralow", "zero_null", "zero") and "her2_ihc_score" in exp and score not in ("0", None):
            self.error(where, f"category {category} needs IHC 0, not {score}")
        if category in ("zero_null", "zero") and score is None and "her2_ihc_score" in exp:
            self.error(where, f"category {category} needs IHC score 0")
        if category == "ultralow" and "her2_ihc_staining" in exp and staining not in ("faint",):
            self.error(where, f"category ultralow needs staining faint, not {staining}")
        if category == "zero_null" and "her2_ihc_staining" in exp and staining != "none":
            self.error(where, f"category zero_null needs staining none, not {staining}")
        if category == "zero" and staining is not None:
            self.error(where, f"category zero means the staining is not stated, but staining is {staining}")
        if category == "negative" and score is not None:
            self.error(where, f"category negative means no IHC score, but the score is {score}")
        if staining is not None and score in ("1+", "2+", "3+"):
            self.error(where, f"her2_ihc_staining {staining} is for IHC 0 only (score {score})")
        if score == "0" and staining == "faint" and category not in (None, "ultralow", "positive"):
            self.error(where, f"IHC 0 with faint staining is ultralow, not {category}")
        if score == "0" and staining == "none" and category not in (None, "zero_null", "positive"):
            self.error(where, f"IHC 0 with no staining is zero_null, not {category}")

        # ISH numbers and group [her2.ish.group1-5]
        if group is not None and (ratio is None or copies is None):
            self.error(where, "her2_ish_group needs both her2_ish_ratio and her2_ish_copy_number "
                              "(null for single-probe or missing numbers)")
        if ratio is not None and copies is not None:
            computed = ish_group(ratio, copies)
            if "her2_ish_group" not in exp:
                self.warn(where, f"ratio and copy number given but her2_ish_group not named (group {computed})")
            elif group != computed:
                self.error(where, f"her2_ish_group {group} but ratio {ratio} / copies {copies} give group {computed}")
        if ratio is not None and copies is not None and cep17:
            if abs(copies / cep17 - ratio) > RATIO_TOLERANCE:
                self.error(where, f"ratio {ratio} is not HER2 {copies} / CEP17 {cep17} = {copies / cep17:.3f}")
        computed_group = ish_group(ratio, copies) if ratio is not None and copies is not None else None
        if computed_group == 1 and ish == "not_amplified":
            self.warn(where, "group 1 numbers but ISH not_amplified (stated result kept?)")
        if computed_group == 5 and ish == "amplified":
            self.warn(where, "group 5 numbers but ISH amplified (stated result kept?)")
        single_probe = ratio is None and cep17 is None and copies is not None

        # final status vs IHC and ISH [her2.final]
        if status is None:
            return
        amplified = ish == "amplified" or computed_group == 1 or (single_probe and copies >= ISH_COPIES_HIGH)
        if score == "3+" and status != "positive":
            self.error(where, f"IHC 3+ is positive, not {status}")
        if score in ("0", "1+") and status == "positive" and not amplified:
            self.error(where, f"IHC {score} is positive only with an amplified ISH")
        if score in ("0", "1+") and status in ("equivocal", "pending") and ish not in ("pending",):
            self.error(where, f"IHC {score} is final (negative unless ISH amplifies), not {status}")
        if score == "2+" and ish == "pending" and status != "equivocal":
            self.error(where, f"IHC 2+ with ISH pending is equivocal, not {status}")
        if score == "2+" and ish is None and ratio is None and copies is None and group is None \
                and "her2_ish_result" in exp and status not in ("equivocal",):
            self.error(where, f"IHC 2+ without ISH is equivocal, not {status}")
        if score == "2+" and computed_group is not None:
            want = "positive" if computed_group in (1, 3) else "negative"
            if status != want:
                self.warn(where, f"IHC 2+ with group {computed_group} is {want} after recount, labelled {status}")
        if score is None and computed_group is not None and "her2_ihc_score" in exp:
            want = {1: "positive", 5: "negative"}.get(computed_group, "equivocal")
            if status != want and not (want == "equivocal" and ish in ("not_amplified", "amplified")):
                self.warn(where, f"no IHC with group {computed_group} is {want}, labelled {status}")
        if ish == "pending" and score is None and status not in ("pending", "equivocal"):
            self.error(where, f"ISH pending with no IHC score is pending/equivocal, not {status}")

    def check_hr(self, where: str, exp: dict[str, Any]) -> None:
        if "hr_status" not in exp:
            return
        hr = exp["hr_status"]
        er, pr = exp.get("er_status"), exp.get("pr_status")
        positive = {"positive", "low_positive"}
        if er in positive or pr in positive:
            derived = "positive"
        elif er == "negative" and pr == "negative":
            derived = "negative"
        else:
            derived = None
        if derived is not None:
            if hr != derived:
                self.error(where, f"hr_status {hr} but ER {er} / PR {pr} give {derived} [hr.status]")
        elif hr is not None and (er is not None or pr is not None):
            # a stated 'HR+' with neither receptor named is fine; a negative/unknown receptor beside it is not
            self.error(where, f"hr_status {hr} cannot follow from ER {er} / PR {pr} (null expected)")

    def check_subtype(self, where: str, exp: dict[str, Any]) -> None:
        if "subtype" not in exp:
            return
        subtype = exp["subtype"]
        her2 = exp.get("her2_status")
        hr = exp.get("hr_status")
        if "her2_status" not in exp or "hr_status" not in exp:
            if subtype is not None:
                self.warn(where, f"subtype {subtype} set but her2_status/hr_status not both named")
            return
        if her2 in (None, "equivocal", "pending") or hr is None:
            if subtype is not None:
                self.error(where, f"subtype {subtype} needs a final HER2 and HR status (HER2 {her2}, HR {hr})")
            return
        if her2 == "positive":
            want = "triple_positive" if hr == "positive" else "her2_enriched"
            if subtype != want:
                self.error(where, f"HER2 positive with HR {hr} is {want}, not {subtype}")
            return
        # HER2 negative
        if hr == "negative":
            if subtype != "triple_negative":
                self.error(where, f"HER2 negative, HR negative is triple_negative, not {subtype}")
            return
        want = self.luminal(exp)
        if want is not None and subtype != want:
            self.error(where, f"HER2 negative, HR positive gives {want}, not {subtype} [subtype]")
        if subtype not in ("luminal_a_like", "luminal_b_like", "hr_positive_her2_negative"):
            self.error(where, f"HER2 negative, HR positive cannot be {subtype}")

    @staticmethod
    def luminal(exp: dict[str, Any]) -> str | None:
        """Luminal A/B-like or HR+/HER2- from ER, PR percent and Ki-67; None if a needed column is not named."""
        er, pr = exp.get("er_status"), exp.get("pr_status")
        pr_pct, pr_rng = exp.get("pr_percent"), exp.get("pr_percent_range")
        ki, ki_rng = exp.get("ki67_percent"), exp.get("ki67_percent_range")
        ki_high = (ki is not None and ki >= KI67_HIGH) or (ki_rng is not None and ki_rng[0] >= KI67_HIGH)
        ki_low = (ki is not None and ki < KI67_HIGH) or (ki_rng is not None and ki_rng[1] < KI67_HIGH)
        pr_low = (pr in ("negative", "low_positive") or (pr_pct is not None and pr_pct < PR_LUMINAL_A_MIN)
                  or (pr_rng is not None and pr_rng[1] < PR_LUMINAL_A_MIN))
        pr_high = (pr == "positive" and ((pr_pct is not None and pr_pct >= PR_LUMINAL_A_MIN)
                                         or (pr_rng is not None and pr_rng[0] >= PR_LUMINAL_A_MIN)))
        if ki_high or pr_low or er in ("low_positive", "negative"):
            return "luminal_b_like"
        if er == "positive" and pr_high and ki_low:
            return "luminal_a_like"
        named = {"er_status", "pr_status", "pr_percent", "ki67_percent"} <= set(exp)
        return "hr_positive_her2_negative" if named else None


def main(argv: list[str]) -> int:
    here = Path(__file__).resolve().parent
    # the same files the corpus test loads: shared/*.jsonl, then *.jsonl (ids unique across all of them)
    paths = [Path(a) for a in argv] if argv else sorted(here.glob("shared/*.jsonl")) + sorted(here.glob("*.jsonl"))
    if not paths:
        print(f"no *.jsonl files in {here}")
        return 1
    checker = Checker()
    total = 0
    for path in paths:
        n = checker.check_file(path)
        total += n
        print(f"{path}: {n} cases")
    for line in checker.warnings:
        print(line)
    for line in checker.errors:
        print(line)
    print(f"{total} cases, {len(checker.errors)} errors, {len(checker.warnings)} warnings")
    return 1 if checker.errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
