"""``python -m her2_interpret``: the ``her2-interpret`` command (:mod:`her2_interpret.cli`)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
