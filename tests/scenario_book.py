"""Member histories written as data, and the yardstick the coach's top three is held to.

Each file in tests/scenarios/ is one invented member: their profile, the
people they met, what they logged, and what a good career coach would say
to them first (`[[expect]]`) or must not say (`[[wrong]]`). This module
reads such a file into the real records the coach takes (ids given in the
order written) and checks a list of nudges against it. A mistake in a file
is reported with the file and the entry it is in, because a scenario that
silently loads the wrong thing would judge the coach on a story nobody wrote.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from netcoach.models import (
    Conversation,
    Person,
    Profile,
    Snapshot,
    ValidationError,
    conversation_date_problems,
    parse_conversation,
    parse_event,
    parse_goal,
    parse_month,
    parse_person,
    parse_profile,
    parse_reflection,
)

SCENARIO_DIR = Path(__file__).resolve().parent / "scenarios"
TOP = 3

# The coach's advice vocabulary: an expectation naming anything else is a typo.
ADVICE_RULES = frozenset(
    {
        "opportunity",
        "promise-owed",
        "offer-open",
        "followup-overdue",
        "exit-thanks",
        "exit-asks",
        "prepare",
        "keep-in-touch",
        "mentor-next-step",
        "report-back",
        "feeling-low",
        "followup-slow",
        "one-role",
        "one-off-contacts",
        "only-giving",
        "learned-empty",
        "no-help",
        "realistic-goals",
        "few-conversations",
        "no-new-people",
        "no-events",
        "no-online",
        "settling-in",
        "after-end",
        "on-track",
        "quiet-stretch",
    }
)

_TOP_KEYS = {"title", "story", "today", "profile", "people", "conversations", "events", "goals", "reflections"}
_TOP_KEYS |= {"expect", "wrong"}
_PROFILE_KEYS = {"display_name", "internship_start", "internship_end", "default_followup_days", "default_setting"}
_PERSON_KEYS = {"key", "name", "role", "organization", "how_met", "links", "tags", "mentor_stage", "cadence_days"}
_PERSON_KEYS |= {"notes", "email"}
_CONVERSATION_KEYS = {"date", "with", "setting", "topics", "learned", "help_offered", "quality", "followup_due"}
_CONVERSATION_KEYS |= {"followup_done", "notes", "event"}
_EVENT_KEYS = {"name", "date", "kind", "attended", "place", "description"}
_GOAL_KEYS = {"month", "metric", "target"}
_REFLECTION_KEYS = {"month", "text"}
_EXPECT_KEYS = {"rule", "person", "says", "rank", "why"}
_WRONG_KEYS = {"rule", "person", "says", "why"}
_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class ScenarioError(ValueError):
    """A scenario file that cannot stand for a member: names the file, the entry and what is wrong."""


class NudgeLike(Protocol):
    """The parts of a nudge the yardstick reads; later fields of a nudge do not matter here."""

    @property
    def rule(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def reason(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def person_ids(self) -> tuple[int, ...]: ...


@dataclasses.dataclass(frozen=True)
class Advice:
    """One piece of advice as a scenario describes it: which rule(s), about whom, saying what.

    Every part left out matches anything, so an expectation can be as exact as
    the coaching calls for and no more.
    """

    rules: tuple[str, ...] = ()
    person: str | None = None  # a person key from the file: the nudge's subject must be them
    says: str | None = None  # words that must appear in the title, reason or action
    rank: int | None = None  # 1-based position in the top three (expectations only)
    why: str = ""

    def matches(self, nudge: NudgeLike, person_ids: Mapping[str, int]) -> bool:
        if self.rules and nudge.rule not in self.rules:
            return False
        if self.person is not None and subject_of(nudge) != person_ids[self.person]:
            return False
        return self.says is None or _normalised(self.says) in _normalised(text_of(nudge))

    def label(self) -> str:
        """`rule@person`, the way the summary table writes advice."""
        rule = "/".join(self.rules) if self.rules else "any"
        if self.says:
            rule += f' "{self.says}"'
        return f"{rule}@{self.person}" if self.person else rule


@dataclasses.dataclass(frozen=True)
class Expectations:
    """What the file says about its member, besides the records themselves."""

    path: Path
    title: str
    story: str
    expect: tuple[Advice, ...]
    wrong: tuple[Advice, ...]
    person_ids: Mapping[str, int]  # person key -> the id it was given

    @property
    def name(self) -> str:
        return self.path.stem

    def key_of(self, person_id: int | None) -> str:
        """The file's key for a person id (or '-' when the nudge names nobody)."""
        for key, pid in self.person_ids.items():
            if pid == person_id:
                return key
        return "-" if person_id is None else f"#{person_id}"


@dataclasses.dataclass(frozen=True)
class Verdict:
    """How a top three measured up: which expectations held, which were missed, which wrong advice appeared."""

    held: tuple[Advice, ...]
    missed: tuple[Advice, ...]
    wrong_found: tuple[tuple[Advice, NudgeLike], ...]

    @property
    def ok(self) -> bool:
        return not self.missed and not self.wrong_found


# ------------------------------------------------------------------ reading


def scenario_paths(folder: Path = SCENARIO_DIR) -> list[Path]:
    return sorted(folder.glob("*.toml"))


def read_scenario(path: Path) -> tuple[Snapshot, dt.date, Expectations]:
    """The member's snapshot, their `today` and what a coach should (not) say, from one file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{path.name}: not valid TOML: {exc}") from exc
    return _Reader(path, raw).read()


class _Reader:
    """Reads one parsed file, entry by entry, naming the entry in every complaint."""

    def __init__(self, path: Path, raw: dict[str, Any]):
        self.path = path
        self.raw = raw

    def fail(self, where: str, problem: str) -> ScenarioError:
        return ScenarioError(f"{self.path.name}: {where}: {problem}")

    def read(self) -> tuple[Snapshot, dt.date, Expectations]:
        self.check_keys("the file", self.raw, _TOP_KEYS)
        title = self.required_text("the file", self.raw, "title")
        story = self.required_text("the file", self.raw, "story")
        today = self.raw.get("today")
        if not isinstance(today, dt.date) or isinstance(today, dt.datetime):
            raise self.fail("today", "must be a TOML date like 2026-05-20")
        profile = self.profile()
        people, person_ids = self.people()
        events = self.events()
        conversations = self.conversations(today, person_ids, {e.name: e.id for e in events if e.id is not None})
        goals = tuple(self.each("goals", _GOAL_KEYS, lambda i, e: dataclasses.replace(parse_goal(e), id=i)))
        reflections = tuple(self.reflections(today))
        snapshot = Snapshot(
            revision=self.path.stem,
            profile=profile,
            people=people,
            conversations=conversations,
            events=events,
            goals=goals,
            tips=(),
            reflections=reflections,
        )
        expectations = Expectations(
            path=self.path,
            title=title,
            story=story,
            expect=tuple(self.advice("expect", _EXPECT_KEYS, person_ids)),
            wrong=tuple(self.advice("wrong", _WRONG_KEYS, person_ids)),
            person_ids=person_ids,
        )
        return snapshot, today, expectations

    # -- helpers

    def check_keys(self, where: str, entry: Any, allowed: set[str]) -> None:
        if not isinstance(entry, dict):
            raise self.fail(where, f"expected a table of fields, got {type(entry).__name__}")
        unknown = sorted(set(entry) - allowed)
        if unknown:
            problem = f"unknown field(s) {', '.join(unknown)} (allowed: {', '.join(sorted(allowed))})"
            raise self.fail(where + self.hint(entry), problem)

    def required_text(self, where: str, entry: Mapping[str, Any], name: str) -> str:
        value = entry.get(name)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"{name} is required text")
        return value.strip()

    def entries(self, table: str) -> list[Any]:
        value = self.raw.get(table, [])
        if not isinstance(value, list):
            raise self.fail(table, f"write it as [[{table}]] entries")
        return value

    def each(self, table: str, allowed: set[str], build: Callable[[int, dict[str, Any]], Any]) -> list[Any]:
        """Every entry of an array of tables, built with ids 1, 2, ... in the order written."""
        built = []
        for number, entry in enumerate(self.entries(table), start=1):
            where = f"{table}[{number}]"
            self.check_keys(where, entry, allowed)
            where += self.hint(entry)
            try:
                built.append(build(number, entry))
            except ValidationError as exc:
                raise self.fail(where, "; ".join(exc.problems)) from exc
        return built

    @staticmethod
    def hint(entry: Mapping[str, Any]) -> str:
        """A word that finds the entry in the file: its key, name or date."""
        for field in ("key", "name", "date", "month"):
            if field in entry:
                return f" ({entry[field]})"
        return ""

    # -- records

    def profile(self) -> Profile:
        raw = self.raw.get("profile", {})
        self.check_keys("profile", raw, _PROFILE_KEYS)
        try:
            return parse_profile(raw)
        except ValidationError as exc:
            raise self.fail("profile", "; ".join(exc.problems)) from exc

    def people(self) -> tuple[tuple[Person, ...], dict[str, int]]:
        person_ids: dict[str, int] = {}

        def build(number: int, entry: dict[str, Any]) -> Person:
            where = f"people[{number}]{self.hint(entry)}"
            key = entry.get("key")
            if not isinstance(key, str) or not _KEY_RE.match(key):
                raise self.fail(where, "key is required: lower-case letters, digits and _ (like 'tomas')")
            if key in person_ids:
                raise self.fail(where, f"key {key!r} is used twice")
            if "role" not in entry:
                raise self.fail(where, "role is required")
            person_ids[key] = number
            fields = {k: v for k, v in entry.items() if k != "key"}
            return dataclasses.replace(parse_person(fields), id=number)

        people = tuple(self.each("people", _PERSON_KEYS, build))
        if not people:
            raise self.fail("people", "a member's history needs at least one [[people]] entry")
        return people, person_ids

    def events(self) -> tuple[Any, ...]:
        events = tuple(self.each("events", _EVENT_KEYS, lambda i, e: dataclasses.replace(parse_event(e), id=i)))
        names = [e.name for e in events]
        for name in names:
            if names.count(name) > 1:
                raise self.fail("events", f"two events are named {name!r}; conversations find events by name")
        return events

    def conversations(
        self, today: dt.date, person_ids: Mapping[str, int], event_ids: Mapping[str, int]
    ) -> tuple[Conversation, ...]:
        def build(number: int, entry: dict[str, Any]) -> Conversation:
            where = f"conversations[{number}]{self.hint(entry)}"
            with_ = entry.get("with")
            if not isinstance(with_, list) or not with_ or not all(isinstance(k, str) for k in with_):
                raise self.fail(where, 'with must list person keys, like with = ["tomas"]')
            unknown = [k for k in with_ if k not in person_ids]
            if unknown:
                raise self.fail(where, f"with names no person {unknown} (known: {', '.join(person_ids)})")
            fields = {k: v for k, v in entry.items() if k not in ("with", "event")}
            fields["person_ids"] = [person_ids[k] for k in with_]
            event_id = None
            if "event" in entry:
                event_id = event_ids.get(entry["event"])
                if event_id is None:
                    raise self.fail(where, f"event {entry['event']!r} is not the name of any [[events]] entry")
                fields["event_id"] = event_id
                fields["event"] = entry["event"]
            conversation = dataclasses.replace(parse_conversation(fields), id=number)
            problems = conversation_date_problems(conversation, today)
            if problems:
                raise self.fail(where, "; ".join(problems) + f" (today is {today.isoformat()})")
            return conversation

        return tuple(self.each("conversations", _CONVERSATION_KEYS, build))

    def reflections(self, today: dt.date) -> list[Any]:
        this_month = today.strftime("%Y-%m")

        def build(number: int, entry: dict[str, Any]) -> Any:
            reflection = dataclasses.replace(parse_reflection(entry), id=number)
            if parse_month(reflection.month) > this_month:
                raise self.fail(f"reflections[{number}] ({reflection.month})", f"is after today's month {this_month}")
            return reflection

        return self.each("reflections", _REFLECTION_KEYS, build)

    # -- what the coach should say

    def advice(self, table: str, allowed: set[str], person_ids: Mapping[str, int]) -> list[Advice]:
        found = []
        for number, entry in enumerate(self.entries(table), start=1):
            where = f"{table}[{number}]"
            self.check_keys(where, entry, allowed)
            rules = self.rules(where, entry.get("rule"))
            person = entry.get("person")
            if person is not None and person not in person_ids:
                raise self.fail(where, f"person {person!r} is no key in [[people]] (known: {', '.join(person_ids)})")
            says = entry.get("says")
            if says is not None and (not isinstance(says, str) or not says.strip()):
                raise self.fail(where, "says must be non-empty text")
            rank = entry.get("rank")
            if rank is not None and (isinstance(rank, bool) or not isinstance(rank, int) or not 1 <= rank <= TOP):
                raise self.fail(where, f"rank must be a whole number from 1 to {TOP}")
            if table == "wrong" and not (rules or person or says):
                raise self.fail(where, "say what is wrong: a rule, a person or words (says)")
            why = self.required_text(where, entry, "why")
            found.append(Advice(rules=rules, person=person, says=says, rank=rank, why=why))
        return found

    def rules(self, where: str, value: Any) -> tuple[str, ...]:
        if value is None:
            return ()
        listed = [value] if isinstance(value, str) else value
        if not isinstance(listed, list) or not listed or not all(isinstance(r, str) for r in listed):
            raise self.fail(where, 'rule must be a rule id or a list of them, like "promise-owed"')
        unknown = [r for r in listed if r not in ADVICE_RULES]
        if unknown:
            raise self.fail(where, f"unknown rule id(s) {unknown} (see the advice vocabulary)")
        return tuple(listed)


# ------------------------------------------------------------------ matching


def subject_of(nudge: NudgeLike) -> int | None:
    """The person the nudge's action is about: the first person it names."""
    return nudge.person_ids[0] if nudge.person_ids else None


def text_of(nudge: NudgeLike) -> str:
    return f"{nudge.title}\n{nudge.reason}\n{nudge.action}"


def _normalised(text: str) -> str:
    return " ".join(text.lower().split())


def judge(expectations: Expectations, top: Sequence[NudgeLike]) -> Verdict:
    """Which expectations the top three meets, each by a different nudge, and which wrong advice it holds."""
    top = list(top)[:TOP]
    ids = expectations.person_ids
    held = _best_assignment(expectations.expect, top, ids)
    wrong_found = tuple((w, n) for w in expectations.wrong for n in top if w.matches(n, ids))
    return Verdict(
        held=tuple(a for i, a in enumerate(expectations.expect) if i in held),
        missed=tuple(a for i, a in enumerate(expectations.expect) if i not in held),
        wrong_found=wrong_found,
    )


def _fits(advice: Advice, nudge: NudgeLike, position: int, ids: Mapping[str, int]) -> bool:
    return (advice.rank is None or advice.rank == position) and advice.matches(nudge, ids)


def _best_assignment(wanted: Sequence[Advice], top: Sequence[NudgeLike], ids: Mapping[str, int]) -> set[int]:
    """The positions in `wanted` of the largest set of expectations met by distinct nudges.

    Three at most on either side, so trying every assignment is cheap; a greedy
    match could spend the one fitting nudge on an expectation another could meet.
    """
    best: set[int] = set()

    def walk(index: int, used: frozenset[int], met: set[int]) -> None:
        nonlocal best
        if len(met) > len(best):
            best = set(met)
        if index == len(wanted):
            return
        advice = wanted[index]
        for position, nudge in enumerate(top, start=1):
            if position not in used and _fits(advice, nudge, position, ids):
                walk(index + 1, used | {position}, met | {index})
        walk(index + 1, used, met)

    walk(0, frozenset(), set())
    return best


def describe(expectations: Expectations, snapshot: Snapshot, top: Sequence[NudgeLike], verdict: Verdict) -> str:
    """A failure message: what was expected, what the coach said, and where they part."""
    names = snapshot.person_by_id()

    def who(nudge: NudgeLike) -> str:
        pid = subject_of(nudge)
        return names[pid].name if pid in names else "nobody"

    lines = [f"{expectations.name}: {expectations.title}", "expected:"]
    for advice in expectations.expect:
        mark = "MISS" if advice in verdict.missed else "ok  "
        rank = f" at {advice.rank}" if advice.rank else ""
        lines.append(f"  {mark} {advice.label()}{rank}: {advice.why}")
    lines.append("found:")
    if not top:
        lines.append("  (no advice at all)")
    for position, nudge in enumerate(top, start=1):
        lines.append(f"  {position}. {nudge.rule} about {who(nudge)}: {nudge.title} -> {nudge.action}")
    for advice, nudge in verdict.wrong_found:
        lines.append(f"WRONG {advice.label()} appeared as {nudge.rule} about {who(nudge)}: {advice.why}")
    return "\n".join(lines)
