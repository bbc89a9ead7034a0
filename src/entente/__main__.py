"""``python -m entente`` runs the command line."""

import sys

from entente.cli import main

sys.exit(main())
