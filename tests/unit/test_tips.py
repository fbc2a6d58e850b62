"""The tips library and its spaced review, as a member meets them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netcoach.coach import tips
from netcoach.coach.tips import REVIEW_LADDER, TipKind, TipsFileError
from netcoach.models import GoalMetric, TipProgress

REPO = Path(__file__).resolve().parents[2]
ARTICLE = REPO.parent / "shared" / "seed" / "networking-in-your-internship.txt"
DAY = dt.date(2026, 4, 1)
# The first example warms up pandas and the library; how long it takes is not what is checked.
NO_DEADLINE = settings(deadline=None)

WHY_IDS = {"learn-from-others", "hidden-opportunities", "personal-growth"}
WAY_IDS = {
    "be-proactive",
    "genuine-interest",
    "offer-help",
    "online-presence",
    "attend-events",
    "follow-up",
    "seek-mentorship",
    "be-patient",
}
OBSTACLE_IDS = {"practice", "realistic-goals", "quality-over-quantity"}


# ------------------------------------------------------------------ the library


def test_every_idea_of_the_article_is_a_tip_of_the_right_kind():
    by_kind: dict[TipKind, set[str]] = {}
    for tip in tips.load_tips():
        by_kind.setdefault(tip.kind, set()).add(tip.id)
    assert by_kind[TipKind.WHY] == WHY_IDS
    assert by_kind[TipKind.WAY] == WAY_IDS
    assert by_kind[TipKind.OBSTACLE] == OBSTACLE_IDS
    assert len(by_kind[TipKind.CLOSING]) == 1


def test_ids_are_unique_and_kebab_case():
    ids = [t.id for t in tips.load_tips()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def test_each_action_tip_says_why_what_to_do_and_which_metric_it_moves():
    for tip in tips.load_tips():
        sentences = [s for s in re.split(r"(?<=[.!?;])\s+", tip.why) if s]
        assert 2 <= len(sentences) <= 3, tip.id
        assert tip.title and len(tip.title) <= 50, tip.id
        if tip.kind.needs_actions:
            assert 2 <= len(tip.actions) <= 4, tip.id
            assert tip.metrics, f"{tip.id} moves no metric"
        assert all(isinstance(m, GoalMetric) for m in tip.metrics)


def test_multiline_text_reads_as_one_paragraph():
    tip = tips.tip_by_id("follow-up")
    assert "\n" not in tip.why and "  " not in tip.why
    assert tip.metrics == (GoalMetric.FOLLOW_UPS_SENT,)


def test_library_is_read_once():
    assert tips.load_tips() is tips.load_tips()


def test_unknown_tip_id_is_a_clear_key_error():
    with pytest.raises(KeyError, match="no-such-tip"):
        tips.tip_by_id("no-such-tip")


GOOD_TIP = """
[[tip]]
id = "{id}"
kind = "{kind}"
title = "A title"
why = "One. Two."
actions = {actions}
metrics = {metrics}
"""


def _tip_text(id="a-tip", kind="way", actions='["Do a.", "Do b."]', metrics='["conversations"]') -> str:
    return GOOD_TIP.format(id=id, kind=kind, actions=actions, metrics=metrics)


def test_a_well_formed_file_parses():
    (tip,) = tips.parse_tips(_tip_text())
    assert tip.actions == ("Do a.", "Do b.")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (_tip_text() + _tip_text(), "tip 'a-tip': id is used more than once"),
        (_tip_text(metrics='["handshakes"]'), "tip 'a-tip': unknown metric 'handshakes'"),
        (_tip_text(actions='["Only one."]'), "tip 'a-tip': has 1 actions, needs 2 to 4"),
        (_tip_text(actions='["1", "2", "3", "4", "5"]'), "tip 'a-tip': has 5 actions"),
        (_tip_text(kind="musing"), "tip 'a-tip': kind 'musing'"),
        (_tip_text(id="Not Kebab"), "tip 'Not Kebab': id must be kebab-case"),
        (_tip_text().replace('title = "A title"', ""), "tip 'a-tip': title is missing"),
        ("tip = 3", "no \\[\\[tip\\]\\] entries"),
        ("[[tip]\n", "not valid TOML"),
    ],
)
def test_a_broken_file_is_refused_naming_the_tip(text, message):
    with pytest.raises(TipsFileError, match=message):
        tips.parse_tips(text)


def test_why_tips_may_go_without_actions_but_action_tips_may_not():
    (tip,) = tips.parse_tips(_tip_text(kind="why", actions="[]", metrics="[]"))
    assert tip.actions == () and tip.metrics == ()
    with pytest.raises(TipsFileError, match="has 0 actions"):
        tips.parse_tips(_tip_text(kind="obstacle", actions="[]"))


# ------------------------------------------------------------------ own words


def _words(text: str) -> list[str]:
    text = text.lower().replace("\u2019", "'").replace("'", "")
    return re.findall(r"[a-z0-9]+", text)


def _runs(words: list[str], n: int) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


COACH_FILES = sorted(str(p.relative_to(REPO)) for p in (REPO / "netcoach" / "coach").glob("*.py"))


@pytest.mark.parametrize("path", ["netcoach/content/tips.toml", *COACH_FILES])
def test_no_eight_word_run_of_the_article_is_copied(path):
    if not ARTICLE.exists():
        pytest.skip("the seed article is not next to this checkout")
    article = _runs(_words(ARTICLE.read_text(encoding="utf-8")), 8)
    copied = _runs(_words((REPO / path).read_text(encoding="utf-8")), 8) & article
    assert not copied, [" ".join(run) for run in copied]


# ------------------------------------------------------------------ spaced review


def _gap(progress: TipProgress, since: dt.date) -> int:
    assert progress.next_review is not None
    return (progress.next_review - since).days


def test_a_tip_just_read_comes_back_in_three_days_then_a_week():
    read = tips.mark_read(None, "follow-up", DAY)
    assert read.read_on == DAY and _gap(read, DAY) == 3
    again = tips.mark_read(read, "follow-up", read.next_review)
    assert _gap(again, read.next_review) == 7


def test_trying_a_tip_spaces_it_out_more_each_time():
    read = tips.mark_read(None, "offer-help", DAY)
    gaps = []
    progress, day = read, DAY + dt.timedelta(days=3)
    for _ in range(5):
        progress = tips.mark_tried(progress, "offer-help", day, reflection="Helped Ana with a query")
        gaps.append(_gap(progress, day))
        day = progress.next_review
    assert gaps == [7, 14, 30, 30, 30]
    assert progress.reflection == "Helped Ana with a query"


def test_a_useful_first_try_skips_a_rung_and_a_useless_one_waits_longest():
    useful = tips.mark_tried(None, "follow-up", DAY, useful=True)
    assert _gap(useful, DAY) == 14
    useless = tips.mark_tried(None, "follow-up", DAY, useful=False)
    assert _gap(useless, DAY) == 30


def test_editing_a_try_the_same_day_does_not_climb_the_ladder():
    tried = tips.mark_tried(None, "practice", DAY)
    edited = tips.mark_tried(tried, "practice", DAY, reflection="Rehearsed with Ben")
    assert _gap(edited, DAY) == 7 and edited.reflection == "Rehearsed with Ben"


def test_rereading_a_tried_tip_does_not_postpone_its_review():
    tried = tips.mark_tried(None, "practice", DAY)
    reread = tips.mark_read(tried, "practice", DAY + dt.timedelta(days=2))
    assert reread.next_review == tried.next_review
    assert tips.review_step(reread) == tips.review_step(tried) == 1


def test_a_later_try_keeps_the_earlier_reflection_and_answer_when_left_blank():
    first = tips.mark_tried(None, "practice", DAY, reflection="Felt awkward", useful=True)
    later = tips.mark_tried(first, "practice", first.next_review)
    assert later.reflection == "Felt awkward" and later.useful is True


def test_due_list_holds_tips_whose_day_has_come_longest_waiting_first():
    progress = {
        "follow-up": TipProgress("follow-up", read_on=DAY, next_review=DAY + dt.timedelta(days=3)),
        "practice": TipProgress("practice", read_on=DAY, next_review=DAY + dt.timedelta(days=1)),
        "offer-help": TipProgress("offer-help", read_on=DAY, next_review=DAY + dt.timedelta(days=9)),
        "retired-tip": TipProgress("retired-tip", read_on=DAY, next_review=DAY),
        "be-patient": TipProgress("be-patient"),  # opened nowhere: new, not due
    }
    today = DAY + dt.timedelta(days=5)
    assert tips.due_for_review(progress, today) == ["practice", "follow-up"]
    assert tips.due_for_review(progress, DAY) == []


def test_a_read_tip_without_a_stored_date_is_due_after_three_days():
    progress = {"follow-up": TipProgress("follow-up", read_on=DAY)}
    assert tips.due_for_review(progress, DAY + dt.timedelta(days=2)) == []
    assert tips.due_for_review(progress, DAY + dt.timedelta(days=3)) == ["follow-up"]


def test_useful_and_unread_lists_follow_the_library_order():
    progress = {
        "practice": TipProgress("practice", tried_on=DAY, useful=True),
        "be-proactive": TipProgress("be-proactive", tried_on=DAY, useful=True),
        "follow-up": TipProgress("follow-up", tried_on=DAY, useful=False),
        "offer-help": TipProgress("offer-help", read_on=DAY),
    }
    assert tips.useful_tips(progress) == ["be-proactive", "practice"]
    unread_ways = tips.unread_tips(progress, kinds=[TipKind.WAY])
    assert "be-proactive" not in unread_ways and "offer-help" not in unread_ways
    assert "seek-mentorship" in unread_ways and "practice" not in unread_ways


@NO_DEADLINE
@given(
    st.lists(st.tuples(st.integers(1, 40), st.sampled_from([None, True, False]), st.booleans()), max_size=12),
)
def test_review_always_lands_on_a_ladder_rung_after_the_action(steps):
    progress: TipProgress | None = None
    day = DAY
    for wait, useful, tried in steps:
        day = day + dt.timedelta(days=wait)
        if tried:
            progress = tips.mark_tried(progress, "practice", day, useful=useful)
        else:
            before = progress
            progress = tips.mark_read(progress, "practice", day)
            if before is not None and before.tried_on and before.next_review and before.next_review > day:
                assert progress.next_review == before.next_review
                continue
        assert progress.next_review is not None
        assert (progress.next_review - day).days in REVIEW_LADDER


@NO_DEADLINE
@given(st.lists(st.integers(0, 20), min_size=1, max_size=10))
def test_repeated_tries_never_shrink_the_interval(lateness):
    progress = tips.mark_tried(None, "practice", DAY)
    gaps = [_gap(progress, DAY)]
    for late in lateness:
        day = progress.next_review + dt.timedelta(days=late)
        progress = tips.mark_tried(progress, "practice", day)
        gaps.append(_gap(progress, day))
    assert gaps == sorted(gaps) and gaps[-1] <= REVIEW_LADDER[-1]
