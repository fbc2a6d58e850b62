"""`netcoach check`: load every data file in full and name each one that does not, never stopping early."""

from __future__ import annotations

import argparse

from netcoach.cli.output import CommandError, listed_problems, say, warn
from netcoach.models import FILE_PARSERS, ValidationError
from netcoach.storage import Tables, data_dir
from netcoach.storage.checks import stored_problems

COUNTED_TABLES = ("people", "conversations", "events", "goals", "tips")
IN_TRASH = "trash"


def cmd_check(args: argparse.Namespace) -> int:
    """Load every data file in full; name each one that does not load and why, never stopping early.

    A file is fine only when the app can load every record in it: the same
    test the store makes before it writes; the exit code is 1 when any file
    does not. Files that load but hold records breaking the rules a form or an
    import would enforce are named too, as notes to correct by hand.
    """
    folder = data_dir(args.data_dir)
    if not folder.exists():
        raise CommandError(f"no data folder at {folder.location}")
    documents = folder.documents()
    paths = [document.label for document in documents]
    broken = doubtful = 0
    for document in documents:
        path, is_member = document.label, document.member_id is not None
        tables, problems = stored_problems(document)
        name = document.member_id or path.name
        if problems:
            broken += 1
            warn(f"BROKEN {path}: {listed_problems(problems)}")
            continue
        rules = rule_breaks(tables) if is_member else []
        if rules:
            doubtful += 1
            warn(f"RULES  {path}: loads, but some records break netcoach's rules: {listed_problems(rules)}")
        else:
            say(f"ok     {name}: {counts(tables)}" if is_member else f"ok     {name}")
    if not paths:
        say(f"No member files in {folder.location} yet.")
    if broken:
        warn(f"{broken} of {len(paths)} data files do not load; they were left untouched.")
    if doubtful:
        warn(f"{doubtful} of {len(paths)} data files load but hold records to correct by hand.")
    return 1 if broken else 0


def counts(tables: Tables) -> str:
    counted = ", ".join(f"{len(tables.get(name, {}))} {name}" for name in COUNTED_TABLES)
    trashed = len(tables.get(IN_TRASH, {}))
    return f"{counted}, {trashed} in the trash" if trashed else counted


def rule_breaks(tables: Tables) -> list[str]:
    """Records a form or an import would refuse (a note too long, a person id that is nobody), by table and id."""
    problems: list[str] = []
    for name, parse in FILE_PARSERS.items():
        for key, record in tables.get(name, {}).items():
            try:
                parse({**record, "id": int(key)})
            except ValidationError as exc:
                problems.extend(f"{name} {key}: {p}" for p in exc.problems)
    people, events = set(tables.get("people", {})), set(tables.get("events", {}))
    for key, record in tables.get("conversations", {}).items():
        missing = [i for i in record.get("person_ids") or [] if str(i) not in people]
        if missing:
            problems.append(f"conversations {key}: person_ids: no person with id {missing[0]}")
        event_id = record.get("event_id")
        if event_id is not None and str(event_id) not in events:
            problems.append(f"conversations {key}: event_id: no event with id {event_id}")
    conversations = set(tables.get("conversations", {}))
    for key, record in tables.get("loops", {}).items():
        missing = [i for i in record.get("person_ids") or [] if str(i) not in people]
        if missing:
            problems.append(f"loops {key}: person_ids: no person with id {missing[0]}")
        conversation_id = record.get("conversation_id")
        if conversation_id is not None and str(conversation_id) not in conversations:
            problems.append(f"loops {key}: conversation_id: no conversation with id {conversation_id}")
    return problems
