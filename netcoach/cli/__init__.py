"""The command line, `python -m netcoach`: one module per group of commands.

`main` reads the arguments; `check` and `backup` look after a whole data
folder; `member_commands` fill, export and import one member; `output` is
how every command talks.
"""

from netcoach.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
