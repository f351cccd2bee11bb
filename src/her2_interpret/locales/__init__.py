"""Sentence templates per language: one module per language, each a ``TEMPLATES`` dict with the same keys.

>>> templates("es")["care_team"]
'Pregunte a su equipo médico qué significan estos resultados para usted.'
>>> templates("fr")
Traceback (most recent call last):
...
ValueError: unknown language 'fr'; known languages: en, es
"""

from __future__ import annotations

import importlib
import string
from collections.abc import Mapping
from types import MappingProxyType

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "placeholders", "templates"]

#: Every language with templates, in order; ``en`` is the source of the others.
LANGUAGES: tuple[str, ...] = ("en", "es")
DEFAULT_LANGUAGE = "en"

_LOADED: dict[str, Mapping[str, str]] = {}


def check_language(language: object) -> str:
    """``language`` when it is known; :class:`ValueError` listing the known ones otherwise."""
    if not isinstance(language, str) or language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; known languages: {', '.join(LANGUAGES)}")
    return language


def templates(language: str = DEFAULT_LANGUAGE) -> Mapping[str, str]:
    """The templates of ``language`` (loaded once, read-only)."""
    language = check_language(language)
    if language not in _LOADED:
        module = importlib.import_module(f"{__name__}.{language}")
        _LOADED[language] = MappingProxyType(dict(module.TEMPLATES))
    return _LOADED[language]


def placeholders(template: str) -> frozenset[str]:
    """The ``{names}`` a template fills."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)
