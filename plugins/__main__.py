"""``python -m tinhoi``: the ``tinhoi`` command."""

import sys

from .cli import main

sys.exit(main())
