"""`python -m jupyst`: the same as the `jupyst` command."""

from __future__ import annotations

import sys

from jupyst.cli import main

if __name__ == "__main__":
    sys.exit(main())
