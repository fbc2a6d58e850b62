"""Run the command line: `python -m netcoach --help`."""

import sys

from netcoach.cli import main

sys.exit(main())
