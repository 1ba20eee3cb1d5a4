"""Element trees to ipywidgets: reuse by identity, send only what changed."""

from __future__ import annotations

from jupyst.reconciler.reconciler import Reconciler, ReconcilerHost

__all__ = ["Reconciler", "ReconcilerHost"]
