"""The result module: :class:`Interpretation`, what :func:`her2_interpret.interpret` returns.

It composes the layers below it: the data (:class:`~her2_interpret.models.InterpretationData`:
findings, classification, equality, hash, JSON) with the record (:mod:`her2_interpret.record`), the
explanation (:mod:`her2_interpret.explain`) and the display (:mod:`her2_interpret.render`). The models
hold data only and import none of these; the API (:mod:`her2_interpret.api`) builds this class.

Takes nothing at import but those modules; gives :class:`Interpretation`.
"""

from __future__ import annotations

import functools
from typing import Any

from pydantic import computed_field

from .explain import explain
from .models import Explanation, InterpretationData
from .record import build_record
from .render import html_card, render, short_summary


class Interpretation(InterpretationData):
    """What :func:`her2_interpret.interpret` returns: findings, classification, explanation.

    The explanation is written on first access (and kept): a caller who wants only the record or
    the classification does not pay for the text. It is part of ``model_dump()`` all the same.
    """

    @computed_field  # type: ignore[prop-decorator]
    @functools.cached_property
    def explanation(self) -> Explanation:
        return explain(self.findings, self.classification)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "explanation":  # pydantic lets a cached property be assigned; this one is frozen
            raise AttributeError("Interpretation is frozen: 'explanation' cannot be assigned")
        super().__setattr__(name, value)

    def to_record(self) -> dict[str, Any]:
        """The flat record of ``shared/spec/record.md`` (plus ``warnings`` and guideline versions)."""
        return build_record(self)

    # ------------------------------------------------------------------ display (render.py)

    def render(self, format: str = "text", audience: str = "patient", language: str = "en",
               text: str | None = None) -> str:
        """This result as ``text``, ``markdown``, ``html`` or ``json`` for a ``patient`` (plain
        language, in ``language``: ``en`` or ``es``) or a ``clinician`` (the reasoning, which quotes
        the evidence). See :func:`her2_interpret.render.render`."""
        return render(self, format, audience, language, text if text is not None else self._text)

    def to_text(self, audience: str = "patient", language: str = "en") -> str:
        """This result as plain text (:meth:`render` with ``format="text"``)."""
        return self.render("text", audience, language)

    def to_markdown(self, audience: str = "patient", language: str = "en") -> str:
        """This result as Markdown (:meth:`render` with ``format="markdown"``)."""
        return self.render("markdown", audience, language)

    def to_html(self, audience: str = "patient", language: str = "en", text: str | None = None) -> str:
        """This result as an HTML fragment (:meth:`render` with ``format="html"``)."""
        return self.render("html", audience, language, text)

    def to_json(self, audience: str = "patient", language: str = "en") -> str:
        """This result as a JSON string (:meth:`render` with ``format="json"``)."""
        return self.render("json", audience, language)

    def _repr_html_(self) -> str:
        """The notebook card: summary, flags for review, and the reasoning and the evidence in the
        report text, both collapsed."""
        return html_card(self, text=self._text)

    def __repr__(self) -> str:
        return f"<Interpretation {short_summary(self)}>"

    def __str__(self) -> str:
        return self.__repr__()
