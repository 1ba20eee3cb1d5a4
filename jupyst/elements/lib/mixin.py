"""The base of every ``st.*`` family: how a family's methods reach their DeltaGenerator.

A family (``TextMixin``, ``SliderMixin``, ...) is a mixin of
:class:`~jupyst.delta_generator.DeltaGenerator`: its methods run on a DeltaGenerator and call
its placement methods (``_append``, ``_block``, ``_active``) and other families' commands.
:attr:`ElementMixin._dg` says so to the type checker without the family importing the layer
above it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from jupyst.delta_generator import DeltaGenerator


class ElementMixin:
    """A family of ``st.*`` commands; ``self`` is always a DeltaGenerator."""

    __slots__ = ()

    @property
    def _dg(self) -> DeltaGenerator:
        return cast("DeltaGenerator", self)
