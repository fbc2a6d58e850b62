"""The pulse: a short check-in a coordinator posts and members answer in a tap or two.

A pulse holds one to three questions, each a 1-5 scale or a choice of two to
five options the coordinator types, and is open from one date to another. A
member answers once and may change the answer while the pulse is open. The
coordinator sees only how many answered and, once at least `MIN_ANSWERS`
did, how many picked each option: never who answered, never who picked what.

Everything here but `PulseBook` is pure.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from netcoach.models import ValidationError
from netcoach.service import StaleRecordError
from netcoach.storage import MemberStore
from netcoach.team.book import Now

PULSES = "pulses"  # team file: {questions: [{text, kind, options}], opens, closes, by, on}
PULSE_ANSWERS = "pulse_answers"  # team file: {pulse_id, member_id, answers: [option, ...], on}; one per member

MAX_QUESTIONS = 3
MIN_OPTIONS, MAX_OPTIONS = 2, 5
MAX_QUESTION_CHARS = 200
MAX_OPTION_CHARS = 60
MAX_OPEN_DAYS = 60
MIN_ANSWERS = 5
"""The fewest answers before any count is shown: fewer could point at one person."""

SCALE = "scale"
CHOICE = "choice"
KINDS = {SCALE: "A 1-5 scale", CHOICE: "A choice"}
SCALE_OPTIONS = ("1", "2", "3", "4", "5")


@dataclasses.dataclass(frozen=True)
class Question:
    text: str
    kind: str
    options: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Pulse:
    id: int
    questions: tuple[Question, ...]
    opens: dt.date
    closes: dt.date  # inclusive
    by: str = ""

    def is_open(self, today: dt.date) -> bool:
        return self.opens <= today <= self.closes

    @property
    def dates(self) -> str:
        return f"{self.opens:%d %b} – {self.closes:%d %b %Y}"


@dataclasses.dataclass(frozen=True)
class PulseResults:
    """What the coordinator may see of one pulse: a count of answers, and counts per option from five."""

    pulse: Pulse
    answered: int
    counts: tuple[tuple[tuple[str, int], ...], ...] | None  # per question, (option, how many); None until shown
    closed: bool = False

    @property
    def shown(self) -> bool:
        return self.counts is not None

    @property
    def summary(self) -> str:
        so_far = f"{self.answered} answer{'' if self.answered == 1 else 's'}"
        if self.shown:
            return so_far
        if self.closed:
            return f"{so_far}; results show from {MIN_ANSWERS}"
        return f"{so_far} so far; results show once it closes, from {MIN_ANSWERS} answers"


# ------------------------------------------------------------------ pure: posting
def _clean(text: object) -> str:
    return " ".join(str(text or "").split())


def _options(raw: object) -> list[str]:
    lines = raw if isinstance(raw, list | tuple) else str(raw or "").splitlines()
    return [o for o in (_clean(line) for line in lines) if o]


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()) if value else None
    except ValueError:
        return None


def parse_pulse(raw: Mapping[str, Any], today: dt.date) -> tuple[tuple[Question, ...], dt.date, dt.date]:
    """The questions and dates of a new pulse, or every problem at once, each naming the field as the form labels it.

    `raw` holds `questions`: up to three mappings of `text`, `kind` ("scale" or
    "choice") and `options` (one per line, for a choice); a question left
    blank is not asked. And `opens`, `closes`: dates (the pulse is open on both).
    """
    problems: list[str] = []
    questions: list[Question] = []
    asked = list(raw.get("questions") or [])
    if len(asked) > MAX_QUESTIONS:
        problems.append(f"Questions: at most {MAX_QUESTIONS}")
    for number, q in enumerate(asked[:MAX_QUESTIONS], start=1):
        text = _clean(q.get("text"))
        options = _options(q.get("options"))
        kind = str(q.get("kind") or SCALE)
        if not text:
            if kind == CHOICE and options:
                problems.append(f"Question {number}: type the question, or clear its options")
            continue
        if len(text) > MAX_QUESTION_CHARS:
            problems.append(f"Question {number}: at most {MAX_QUESTION_CHARS} characters")
        if kind not in KINDS:
            problems.append(f"Answers to question {number}: pick a 1-5 scale or a choice")
            continue
        if kind == SCALE:
            questions.append(Question(text, SCALE, SCALE_OPTIONS))
            continue
        field = f"Options for question {number}"
        if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
            problems.append(f"{field}: give {MIN_OPTIONS} to {MAX_OPTIONS} options, one per line")
        long = [o for o in options if len(o) > MAX_OPTION_CHARS]
        if long:
            problems.append(f"{field}: at most {MAX_OPTION_CHARS} characters each")
        seen: set[str] = set()
        for option in options:
            if option.casefold() in seen:
                problems.append(f"{field}: {option!r} is there twice")
                break
            seen.add(option.casefold())
        questions.append(Question(text, CHOICE, tuple(options)))
    if not questions and not problems:
        problems.append("Question 1: type a question")

    opens, closes = _date(raw.get("opens")), _date(raw.get("closes"))
    if opens is None:
        problems.append("Opens on: pick a date")
    if closes is None:
        problems.append("Closes on: pick a date")
    if opens is not None and closes is not None:
        if closes < today:
            problems.append("Closes on: that day has passed")
        elif closes < opens:
            problems.append("Closes on: on or after the day it opens")
        elif (closes - opens).days > MAX_OPEN_DAYS:
            problems.append(f"Closes on: at most {MAX_OPEN_DAYS} days after it opens")
    if problems:
        raise ValidationError(problems)
    assert opens is not None and closes is not None
    return tuple(questions), opens, closes


def check_answers(pulse: Pulse, answers: Sequence[str | None]) -> tuple[str, ...]:
    """The answers as stored, one option per question, or a problem naming each question left out."""
    problems: list[str] = []
    picked: list[str] = []
    for number, question in enumerate(pulse.questions, start=1):
        answer = answers[number - 1] if number - 1 < len(answers) else None
        label = question.text if len(pulse.questions) == 1 else f"Question {number}"
        if answer is None or str(answer) not in question.options:
            problems.append(f"{label}: pick one answer")
        else:
            picked.append(str(answer))
    if problems:
        raise ValidationError(problems)
    return tuple(picked)


# ------------------------------------------------------------------ pure: counting
def count_answers(pulse: Pulse, answers: Iterable[Sequence[str]], today: dt.date) -> PulseResults:
    """How many answered and, once the pulse has closed with `MIN_ANSWERS` answers or more, how many
    picked each option; nothing else.

    Counts that moved while a pulse is open would tell the coordinator what the latest person
    picked (5 to 6 "Not yet": that was them), so they show only when no answer can come or change.
    """
    stored = list(answers)
    if len(stored) < MIN_ANSWERS or today <= pulse.closes:
        return PulseResults(pulse, len(stored), None, closed=today > pulse.closes)
    counts = []
    for index, question in enumerate(pulse.questions):
        picked = [a[index] for a in stored if index < len(a)]
        counts.append(tuple((option, picked.count(option)) for option in question.options))
    return PulseResults(pulse, len(stored), tuple(counts), closed=True)


def open_for(pulses: Iterable[Pulse], today: dt.date, answered: Iterable[int]) -> Pulse | None:
    """The pulse a member is asked next: open today and not answered yet; the one closing first."""
    done = set(answered)
    waiting = [p for p in pulses if p.is_open(today) and p.id not in done]
    return min(waiting, key=lambda p: (p.closes, p.id), default=None)


# ------------------------------------------------------------------ the pulse tables
def _pulse(doc_id: int, doc: Mapping[str, Any]) -> Pulse | None:
    opens, closes = _date(doc.get("opens")), _date(doc.get("closes"))
    questions = tuple(
        Question(str(q.get("text", "")), str(q.get("kind", SCALE)), tuple(str(o) for o in q.get("options", ())))
        for q in doc.get("questions", ())
        if isinstance(q, Mapping)
    )
    if opens is None or closes is None or not questions:
        return None  # hand-edited beyond reading: left out
    return Pulse(doc_id, questions, opens, closes, str(doc.get("by", "")))


class PulseBook:
    """The pulses of one team file and their answers, each member's answer kept once per pulse."""

    def __init__(self, store: MemberStore, now: Now):
        self.store = store
        self._now = now

    def all(self) -> list[Pulse]:
        """Every pulse, the latest to open first."""
        with self.store.reading() as (_, tables):
            found = [_pulse(int(i), d) for i, d in tables.get(PULSES, {}).items()]
        return sorted((p for p in found if p is not None), key=lambda p: (p.opens, p.id), reverse=True)

    def post(self, raw: Mapping[str, Any], by: str) -> Pulse:
        questions, opens, closes = parse_pulse(raw, self._now().date())
        doc = {
            "questions": [{"text": q.text, "kind": q.kind, "options": list(q.options)} for q in questions],
            "opens": opens.isoformat(),
            "closes": closes.isoformat(),
            "by": by,
            "on": self._now().replace(microsecond=0).isoformat(),
        }
        with self.store.transaction() as db:
            doc_id = db.table(PULSES).insert(doc)
        return Pulse(doc_id, questions, opens, closes, by)

    def answered_by(self, member_id: str) -> set[int]:
        with self.store.reading() as (_, tables):
            mine = [d for d in tables.get(PULSE_ANSWERS, {}).values() if d.get("member_id") == member_id]
        return {int(d.get("pulse_id", 0)) for d in mine}

    def answer(self, member_id: str, pulse: Pulse, answers: Sequence[str | None]) -> None:
        """Keep this member's answer to the pulse as shown to them (replacing an earlier one while it is open)."""
        picked = check_answers(pulse, answers)
        today = self._now().date()
        with self.store.transaction() as db:
            doc = db.table(PULSES).get(doc_id=pulse.id)
            current = _pulse(pulse.id, dict(doc)) if isinstance(doc, Mapping) else None
            if current != pulse:
                raise StaleRecordError(["This check-in changed since the page was shown; look again"])
            if not current.is_open(today):
                raise StaleRecordError([f"This check-in closed on {current.closes:%d %b %Y}"])
            table = db.table(PULSE_ANSWERS)
            mine = [d.doc_id for d in table.all() if d.get("pulse_id") == pulse.id and d.get("member_id") == member_id]
            record = {
                "pulse_id": pulse.id,
                "member_id": member_id,
                "answers": list(picked),
                "on": self._now().replace(microsecond=0).isoformat(),
            }
            if mine:
                table.update(record, doc_ids=mine[:1])
                if len(mine) > 1:
                    table.remove(doc_ids=mine[1:])
            else:
                table.insert(record)

    def results(self) -> list[PulseResults]:
        """Each pulse with only what a coordinator may see of its answers (see `count_answers`)."""
        with self.store.reading() as (_, tables):
            answers: dict[int, list[list[str]]] = {}
            for d in tables.get(PULSE_ANSWERS, {}).values():
                stored = d.get("answers")
                if isinstance(stored, list):
                    answers.setdefault(int(d.get("pulse_id", 0)), []).append([str(a) for a in stored])
        today = self._now().date()
        return [count_answers(p, answers.get(p.id, []), today) for p in self.all()]
