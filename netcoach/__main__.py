"""Run the command line: `python -m netcoach --help`."""

import sys

from .cli import main

sys.exit(main())
