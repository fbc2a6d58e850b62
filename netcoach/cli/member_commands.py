"""`netcoach demo`, `export` and `import`: the commands that fill, read or add to one member's data.

Nothing here writes a member's data without saying so first: sample data
goes only into an empty member, and an import shows its preview and writes
only when confirmed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from netcoach import sample
from netcoach.cli.output import CommandError, listed_names, say, warn
from netcoach.config import system_today
from netcoach.service import MemberService, member_service
from netcoach.storage import DataDir, data_dir
from netcoach.transfer import ImportPlan

IMPORT_KINDS = {
    "json": "json",
    "contacts": "contacts",
    "linkedin": "linkedin",
    "people-csv": "people_csv",
    "conversations-csv": "conversations_csv",
}
EXPORT_FORMATS = ("json", "people-csv", "conversations-csv")


def existing_member(root: Path | str, member_id: str) -> MemberService:
    """The service of a member who has a file (or row): reading must not create anyone."""
    folder = data_dir(root)
    if not folder.has_member(member_id):
        members = ", ".join(folder.member_ids()) or "none yet"
        raise CommandError(f"no member {member_id!r} in {folder.location} (members: {members})")
    return member_service(root, member_id)


def cmd_demo(args: argparse.Namespace) -> int:
    """Fill an empty member with sample data; a member with data is never touched."""
    service = member_service(args.data_dir, args.member)
    today = args.today or system_today()
    if today > system_today():
        raise CommandError(f"--today: {today.isoformat()} is in the future")
    if sample.has_data(service):
        raise CommandError(
            f"member {args.member!r} in {data_dir(args.data_dir).location} already holds data; nothing was changed. "
            "Pick another --member or an empty --data-dir."
        )
    data = sample.generate(service, conversations=args.conversations, seed=args.seed, today=today)
    counts = ", ".join(f"{n} {name}" for name, n in data.counts().items())
    say(f"Sample data for member {args.member!r} (seed {args.seed}): {counts}.")
    folder = data_dir(args.data_dir)
    say(f"{'Data folder' if isinstance(folder, DataDir) else 'Database'}: {folder.location}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    service = existing_member(args.data_dir, args.member)
    if args.format == "json":
        text = json.dumps(service.export_json(), indent=2, ensure_ascii=False) + "\n"
    else:
        text = service.export_csv(args.format.removesuffix("-csv"))
    if args.output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        Path(args.output).write_text(text, encoding="utf-8", newline="")
        warn(f"Exported member {args.member!r} ({args.format}) to {args.output}")
    return 0


def cmd_calendar(args: argparse.Namespace) -> int:
    """The member's follow-ups, check-ins, events and key days as an iCalendar file."""
    service = existing_member(args.data_dir, args.member)
    payload = service.calendar_file(args.app_url)
    if args.output == "-":
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
    else:
        Path(args.output).write_bytes(payload)
        warn(f"Wrote the calendar of member {args.member!r} to {args.output}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Preview first; write only when confirmed."""
    service = member_service(args.data_dir, args.member)
    payload = Path(args.file).read_bytes()
    plan = service.preview_import(IMPORT_KINDS[args.format], payload)
    _print_preview(plan, args)
    if plan.nothing_to_do:
        say("Nothing to import; nothing was written.")
        return 1 if plan.errors else 0
    if not _confirmed(args.yes):
        warn("Nothing was written. Run the same command with --yes to import.")
        return 1
    written = service.import_file(plan, Path(args.file).name)
    say("Imported: " + ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in written.items() if n) + ".")
    return 0


def _print_preview(plan: ImportPlan, args: argparse.Namespace) -> None:
    say(f"Preview: {args.file} ({args.format}) into member {args.member!r}")
    if plan.recognised:
        say(f"  Recognised: {plan.recognised}")
    say(f"  {plan.summary()}")
    if plan.new_people:
        say(f"  New people: {listed_names([p.name for p in plan.new_people])}")
    if plan.matched:
        say(f"  Already known: {listed_names([f'{name} (row {line})' for line, _, name in plan.matched])}")
    if plan.person_updates:
        say(f"  Known people who get missing details filled in: {len(plan.person_updates)}")
    if plan.questions:
        say(f"  Left out: {len(plan.questions)} row(s) with the name of someone you know and nothing to tell")
        say("  them apart; import the file on the Import page to answer whether each is the same person:")
        for question in plan.questions:
            say(f"    row {question.line}: {question.person.name} ({question.why})")
    if plan.dropped:
        say(f"  Columns not kept: {', '.join(plan.dropped)}")
    if plan.warnings:
        say("  To check:")
        for warning in plan.warnings:
            say(f"    {warning}")
    if plan.errors:
        say(f"  {plan.problems_heading()}:")
        for problem in plan.errors:
            say(f"    {problem}")


def _confirmed(yes: bool) -> bool:
    """--yes, or a 'y' typed at a terminal; a script without --yes never writes."""
    if yes:
        return True
    if not sys.stdin.isatty():
        return False
    try:
        return input("Import this? [y/N] ").strip().lower() in ("y", "yes")
    except EOFError:
        return False
