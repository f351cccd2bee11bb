"""Building the reader's models from values it has already typed, without validating them again.

Takes a model class of :mod:`her2_interpret.models` and its field values; gives the model as
validation would build it, without running validation. Only for values the reader typed itself:
enum members (not strings), floats (not ints) in float fields, tuples and frozensets (not lists and
sets), numbers inside the fields' bounds. Validation stays at the edge, where data comes from outside
(``model_validate``, ``model_validate_json``); ``tests/reading/test_construct.py`` checks that every
finding of the corpus is what validation builds.

Why not :meth:`pydantic.BaseModel.model_construct`: with pydantic 2.14 it is slower than validation
for these models (a Python loop over every field, deep copies of defaults: a finding takes about 27 us
against 11 us validated). :func:`build` does what ``model_construct`` does (the same ``__dict__`` in
field order, defaults filled, the same fields set, no extra and no private values) with the defaults
read once per class (about 8 us a finding, 4 us an evidence against 7 us).

A model that is not plain (a validator, a field whose validator transforms its input such as
``Findings.warnings``, private attributes, a default factory, a ``model_post_init``) is validated as
usual. ``extra="forbid"`` and required fields are still checked by name: a misspelt or missing field
raises :class:`TypeError` instead of being dropped or left unset.
"""

from __future__ import annotations

from typing import Any, NamedTuple, TypeVar

from pydantic import BaseModel
from pydantic.functional_validators import AfterValidator, BeforeValidator, PlainValidator, WrapValidator

M = TypeVar("M", bound=BaseModel)

#: Field metadata that changes a value in validation: a field carrying one is never built here.
_TRANSFORMS = (AfterValidator, BeforeValidator, PlainValidator, WrapValidator)

_set = object.__setattr__


class _Plan(NamedTuple):
    """What :func:`build` needs of a model class, read once."""

    order: tuple[str, ...]  # the field names, in declaration order (validation's ``__dict__`` order)
    names: frozenset[str]
    required: frozenset[str]
    defaults: dict[str, Any]  # the default of every field that has one
    plain: bool  # False: build with validation


_PLANS: dict[type, _Plan] = {}


def _plan(model_cls: type[BaseModel]) -> _Plan:
    """The :class:`_Plan` of ``model_cls``, made on first use."""
    plan = _PLANS.get(model_cls)
    if plan is not None:
        return plan
    fields = model_cls.model_fields
    decorators = model_cls.__pydantic_decorators__
    plain = not (
        decorators.validators or decorators.field_validators or decorators.root_validators
        or decorators.model_validators or model_cls.__private_attributes__ or model_cls.__pydantic_post_init__
        or any(f.default_factory is not None or any(isinstance(m, _TRANSFORMS) for m in f.metadata)
               for f in fields.values())
    )
    plan = _Plan(
        order=tuple(fields),
        names=frozenset(fields),
        required=frozenset(n for n, f in fields.items() if f.is_required()),
        defaults={n: f.default for n, f in fields.items() if not f.is_required()},
        plain=plain,
    )
    _PLANS[model_cls] = plan
    return plan


def build(model_cls: type[M], **fields: Any) -> M:
    """``model_cls`` with ``fields`` (already typed) and its defaults, without validation.

    Raises :class:`TypeError` for a field the model does not have or a required one not given.
    """
    plan = _plan(model_cls)
    if not (plan.required <= fields.keys() <= plan.names):
        unknown = sorted(fields.keys() - plan.names)
        missing = sorted(plan.required - fields.keys())
        raise TypeError(f"{model_cls.__name__}: unknown fields {unknown}, missing fields {missing}")
    if not plan.plain:
        return model_cls(**fields)
    model = model_cls.__new__(model_cls)
    _set(model, "__dict__", {n: fields[n] if n in fields else plan.defaults[n] for n in plan.order})
    _set(model, "__pydantic_fields_set__", set(fields))
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model
