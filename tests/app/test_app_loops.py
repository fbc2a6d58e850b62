"""Open loops and the prep card, as a member meets them on the People, Follow-ups and Events pages.

What the coach reads in a note is decided here (a promise in a given
sentence), so each story is about what the member does with it: confirm,
dismiss, close, or prepare for the next talk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from app_helpers import assert_clean, click, open_app, raw_texts, texts
from streamlit.testing.v1 import AppTest
from support import said

from netcoach.coach.signals import Signal, SignalKind
from netcoach.member_text import for_markdown
from netcoach.models import LoopKind, LoopStatus, Snapshot
from netcoach.service import MemberService, member_service
from netcoach.service import loops as loop_service

PROMISE = "I promised Ana the slides from my demo."
OFFER = "Ana offered to introduce me to the analytics lead."
# The sentences the coach reads as promises in these stories, with their kind and what they name.
PROMISES = {
    PROMISE: (SignalKind.I_PROMISED, "the slides from my demo"),
    OFFER: (SignalKind.THEY_OFFERED, "to introduce me to the analytics lead"),
}


def read_promises(snapshot: Snapshot, today: dt.date) -> tuple[Signal, ...]:
    """The coach's reading of the log: each known promise sentence in what-I-learned is a promise."""
    found = []
    for conversation in snapshot.conversations:
        for quote, (kind, what) in PROMISES.items():
            if quote in conversation.learned and conversation.id is not None:
                found.append(
                    said(
                        kind,
                        quote,
                        *conversation.person_ids,
                        written=conversation.date,
                        record_id=conversation.id,
                        what=what,
                    )
                )
    return tuple(found)


@pytest.fixture(autouse=True)
def coach_reads_promises(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(loop_service, "signals_in", read_promises)
    yield


def service(root: Path) -> MemberService:
    return member_service(root, "me")


def today() -> dt.date:
    return dt.date.today()


def person_page(at: AppTest, person_id: int, *, tab: str | None = None) -> AppTest:
    at.query_params["person"] = str(person_id)
    if tab:
        at.query_params["tab"] = tab
    at.switch_page("pages/people.py").run()
    assert_clean(at)
    return at


def ana_with_a_promise(root: Path, learned: str = PROMISE) -> tuple[MemberService, int]:
    svc = service(root)
    ana = svc.add_person({"name": "Ana Ruiz", "role": "supervisor"})
    assert ana.id is not None
    svc.log_conversation({"date": today(), "person_ids": [ana.id], "learned": learned, "topics": ["demo day"]})
    return svc, ana.id


def only_signal(svc: MemberService) -> Signal:
    (signal,) = svc.loops().detected
    return signal


def test_confirms_a_promise_spotted_in_a_note_sees_it_on_the_person_and_follow_ups_closes_it_and_it_is_gone(
    data_dir: Path,
) -> None:
    svc, ana = ana_with_a_promise(data_dir)
    signal = only_signal(svc)
    at = person_page(open_app(), ana)
    assert "Spotted in your notes" in texts(at) and PROMISE in texts(at)

    at.button(key=f"confirm_{signal.key}").click().run()
    shown = texts(at)
    assert "Added to your open loops" in shown
    assert "Open loops (1)" in shown and "**You promised:** the slides from my demo" in shown
    assert "Spotted in your notes" not in shown

    at.switch_page("pages/followups.py").run()
    shown = texts(at)
    assert "Open loops (1)" in shown and "**You promised:** the slides from my demo · Ana Ruiz" in shown
    (loop,) = service(data_dir).loops().open
    at.button(key=f"close_loop_{loop.id}").click().run()
    assert "Closed: the slides from my demo" in texts(at)
    assert "Open loops (0)" in texts(at)
    assert service(data_dir).loop(loop.id).status is LoopStatus.CLOSED

    at = person_page(at, ana)
    assert "Open loops" not in texts(at) and "Spotted in your notes" not in texts(at)


def test_dismisses_a_detected_promise_and_it_never_comes_back(data_dir: Path) -> None:
    svc, ana = ana_with_a_promise(data_dir, OFFER)
    signal = only_signal(svc)
    at = open_app("followups")
    assert "Spotted in your notes (1)" in texts(
        at
    ) and "**They offered** to introduce me to the analytics lead · Ana Ruiz" in texts(at)

    at.button(key=f"dismiss_{signal.key}").click().run()
    assert "Dismissed: that sentence will not be offered again." in texts(at)
    assert "Spotted in your notes" not in texts(at)
    # The note is read again after another change; the sentence stays dismissed.
    talk = svc.conversations()[0]
    svc.update_conversation(talk.id, {"quality": 5})
    at = person_page(open_app(), ana)
    assert "Spotted in your notes" not in texts(at) and "Open loops" not in texts(at)
    assert not [b for b in at.button if b.key in (f"confirm_{signal.key}", f"dismiss_{signal.key}")]
    assert service(data_dir).loops().open == ()


def test_a_loop_closed_in_another_tab_is_refused_on_the_stale_screen(data_dir: Path) -> None:
    svc, ana = ana_with_a_promise(data_dir)
    loop = svc.confirm_loop(only_signal(svc).key)
    at = person_page(open_app(), ana)
    assert "**You promised:** the slides from my demo" in texts(at)

    svc.close_loop(loop.id)  # the other tab
    at.button(key=f"close_loop_{loop.id}").click().run()
    shown = texts(at)
    assert "Nothing was saved" in shown
    assert "The promise 'the slides from my demo' with Ana Ruiz was already closed in another tab or window" in shown
    assert "Closed:" not in shown
    assert service(data_dir).loop(loop.id).closed_on == today(), "closed once, by the other tab"


def test_a_promise_confirmed_in_another_tab_cannot_be_dismissed_on_the_stale_screen(data_dir: Path) -> None:
    svc, ana = ana_with_a_promise(data_dir)
    signal = only_signal(svc)
    at = person_page(open_app(), ana)
    svc.confirm_loop(signal.key)  # the other tab
    at.button(key=f"dismiss_{signal.key}").click().run()
    assert "You already confirmed this promise in another tab or window" in texts(at)
    assert [loop.status for loop in service(data_dir).snapshot().loops] == [LoopStatus.CONFIRMED]


def test_adds_a_promise_by_hand_and_a_blank_one_is_refused_naming_the_field(data_dir: Path) -> None:
    svc = service(data_dir)
    ben = svc.add_person({"name": "Ben Okoro"})
    at = person_page(open_app(), ben.id)
    form = f"add_loop_{ben.id}_0"
    click(at, "Add promise")
    assert "What: required" in texts(at)
    assert service(data_dir).snapshot().loops == ()

    at.radio(key=f"{form}_kind").set_value(LoopKind.THEY_OFFERED)
    at.text_input(key=f"{form}_what").input("a look at my CV")
    at.date_input(key=f"{form}_due").set_value(today() + dt.timedelta(days=5))
    click(at, "Add promise")
    shown = texts(at)
    assert "Added to your open loops: a look at my CV." in shown
    assert "**They offered** a look at my CV" in shown and "due in 5 days" in shown
    (loop,) = service(data_dir).loops().open
    assert (loop.kind.value, loop.due) == ("they_offered", today() + dt.timedelta(days=5))


def test_opens_prepare_for_a_person_and_sees_two_questions_built_from_their_last_talk(data_dir: Path) -> None:
    svc, ana = ana_with_a_promise(data_dir, OFFER)
    svc.confirm_loop(only_signal(svc).key)
    at = person_page(open_app(), ana, tab="prepare")

    assert selected_tab(at) == "Prepare", "the link opens the Prepare tab"
    shown = texts(at)
    assert "Two questions to ask" in shown
    assert "1. You offered to introduce me to the analytics lead; is that still on, and when would suit you?" in shown
    assert "2. Last time you mentioned demo day; how has that gone since?" in shown
    assert "What they offered you" in shown


def test_a_person_page_without_the_prepare_link_opens_on_history(data_dir: Path) -> None:
    _, ana = ana_with_a_promise(data_dir)
    at = person_page(open_app(), ana)
    assert selected_tab(at).startswith("History")


def test_prepares_for_an_upcoming_event_but_not_for_one_already_attended(data_dir: Path) -> None:
    svc = service(data_dir)
    svc.add_event({"name": "Data meetup", "date": today() + dt.timedelta(days=3), "kind": "industry"})
    svc.add_event({"name": "Team lunch", "date": today(), "kind": "social", "attended": True})
    at = open_app("events")
    assert [e.label for e in at.expander if e.label == "Prepare"] == ["Prepare"]
    shown = texts(at)
    assert "**Your goal:** Leave with two names and one follow-up." in shown
    assert "Two questions for people you meet there" in shown


def test_a_promise_with_markdown_in_it_shows_as_typed_everywhere(data_dir: Path) -> None:
    typed = "**bold** :material/warning: [site](https://e.x)"
    svc = service(data_dir)
    ana = svc.add_person({"name": "Ana Ruiz"})
    svc.add_loop({"kind": "i_promised", "person_id": ana.id, "what": typed})
    for at in (person_page(open_app(), ana.id), open_app("followups")):
        assert f"**You promised:** {typed}" in texts(at)
        assert not any(typed in source for source in raw_texts(at).split("\n"))
        assert for_markdown(typed) in raw_texts(at)


def selected_tab(at: AppTest) -> str:
    """The label of the tab the person page opens on."""
    for block in walk(at._tree):
        if getattr(block, "type", None) == "tab_container":
            labels = [tab.label for tab in block.children.values()]
            if "Prepare" in labels:
                return labels[block.proto.tab_container.default_tab_index]
    raise AssertionError("no tabs with Prepare on the page")


def walk(node: object) -> Iterator[object]:
    yield node
    for child in getattr(node, "children", {}).values():
        yield from walk(child)


def test_deleting_a_person_says_their_open_loops_go_too_and_they_do(data_dir: Path) -> None:
    svc = service(data_dir)
    ana = svc.add_person({"name": "Ana Ruiz"})
    svc.add_loop({"kind": "i_promised", "person_id": ana.id, "what": "the deck"})
    at = person_page(open_app(), ana.id)
    click(at, "Delete this person")
    assert "1 open loop(s) with them" in texts(at)
    click(at, "Move to trash")
    assert "Moved Ana Ruiz to the trash." in texts(at)
    assert service(data_dir).snapshot().loops == ()
