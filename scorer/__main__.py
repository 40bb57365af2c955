"""``python -m scorer`` is ``credscore``."""

import sys

from scorer.cli import main

sys.exit(main())
