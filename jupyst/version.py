"""The package version, in one place for the namespace, the CLI and the server."""

from __future__ import annotations

__version__ = "0.1.0"
