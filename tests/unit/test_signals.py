"""The coach reading the member's own words: openings, promises either way, offers, advice and feelings.

Each test is a sentence a member could write in a conversation note, a note on
a person or a monthly reflection, and what the coach should take from it, or
that it should take nothing. A promise the member never made costs more trust
than one the coach missed, so the negative cases matter as much as the
positive ones.
"""

from __future__ import annotations

import datetime as dt
import re
import string

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from support import TODAY

from netcoach.coach.signals import Feeling, Found, Signal, SignalKind, Source, SourceKind, extract, signals_in
from netcoach.coach.signals.feelings import FEELINGS
from netcoach.coach.signals.patterns import TABLES
from netcoach.coach.signals.sentences import collapse
from netcoach.models import Conversation, Person, Profile, Reflection, Snapshot, TipProgress

K = SignalKind
WEDNESDAY = TODAY  # 2026-04-15
assert WEDNESDAY.weekday() == 2
THIS_FRIDAY = dt.date(2026, 4, 17)
NEXT_MONDAY = dt.date(2026, 4, 20)

ANA = Person(name="Ana Ruiz", id=1)
BEN = Person(name="Ben Okafor", id=2)
BEN_TWO = Person(name="Ben Lund", id=3)
CHI = Person(name="Chi Wu", id=4)


def read(text: str, written_on: dt.date = TODAY) -> dict[SignalKind, Found]:
    """What the coach takes from a text, by kind (each kind at most once per sentence here)."""
    return {found.kind: found for found in signals_in(text, written_on)}


def kinds(text: str) -> set[SignalKind]:
    return set(read(text))


def snapshot(
    conversations: tuple[Conversation, ...] = (),
    people: tuple[Person, ...] = (ANA, BEN, BEN_TWO, CHI),
    reflections: tuple[Reflection, ...] = (),
    tips: tuple[TipProgress, ...] = (),
) -> Snapshot:
    return Snapshot(
        revision=0,
        profile=Profile(),
        people=people,
        conversations=conversations,
        events=(),
        goals=(),
        tips=tips,
        reflections=reflections,
    )


def talk(day: dt.date = dt.date(2026, 4, 10), people: tuple[int, ...] = (1,), cid: int = 7, **text) -> Conversation:
    return Conversation(date=day, person_ids=people, id=cid, **text)


# ------------------------------------------------------------------ every table entry


@pytest.mark.parametrize(
    ("kind", "entry"), [(kind, entry) for kind, table in TABLES.items() for entry in table], ids=lambda v: str(v)[:40]
)
def test_every_pattern_catches_the_sentence_it_was_written_for(kind, entry):
    assert entry.pattern.search(entry.example.replace("’", "'")), entry.why
    assert kind in kinds(entry.example), entry.example


@pytest.mark.parametrize(
    ("feeling", "entry"),
    [(feeling, entry) for feeling, table in FEELINGS.items() for entry in table],
    ids=lambda v: str(v)[:40],
)
def test_every_feeling_pattern_catches_the_sentence_it_was_written_for(feeling, entry):
    assert entry.pattern.search(entry.example), entry.why
    found = read(entry.example)[K.FEELING]
    assert found.feeling is feeling


# ------------------------------------------------------------------ opportunities


@pytest.mark.parametrize(
    "sentence",
    [
        "Her team is hiring for the summer.",
        "They're hiring two interns for the platform team.",
        "There's an open analyst role on Ana's team.",
        "The data engineering position was just posted.",
        "There is an opening on the platform team.",
        "The team got headcount for one more grad.",
        "Her manager is looking for a summer intern.",
        "Ana can refer me for the graduate programme.",
        "Chi will put in a good word with the hiring team.",
        "Applications for the graduate program open early in the autumn.",
        "Return offers are decided in June.",
        "She sent me a job posting for a data analyst.",
        "Ben offered me a summer internship.",
        "I should apply for the analyst role on her team.",
    ],
)
def test_an_opening_in_the_members_words_is_an_opportunity(sentence):
    assert K.OPPORTUNITY in kinds(sentence)


def test_an_application_deadline_is_an_opportunity_due_that_day():
    found = read("Talked to the recruiter: applications close 3 May.")[K.OPPORTUNITY]
    assert found.due == dt.date(2026, 5, 3)
    assert found.quote == "Talked to the recruiter: applications close 3 May."


@pytest.mark.parametrize(
    "sentence",
    [
        "They are not hiring right now.",
        "The team isn't hiring.",
        "Ana is no longer hiring.",
        "No open roles this quarter.",
        "There's a hiring freeze until June.",
        "Hiring is on hold after the reorg.",
        "The analyst role was filled last week.",
        "Applications closed on 1 April.",
        "I missed the deadline to apply.",
        "I didn't get a return offer.",
        "There was no return offer this year.",
        "Is her team hiring?",
        "If they're hiring, I'll apply.",
        "I asked whether they're hiring.",
        "They might be hiring next quarter.",
        "I'm looking for an internship.",
        "We talked about the hiring process.",
        "She is the hiring manager for the grad scheme.",
        "She started a new role in March.",
        "Gave an opening talk at the meetup.",
    ],
)
def test_a_negated_doubtful_or_closed_opening_is_no_opportunity(sentence):
    assert K.OPPORTUNITY not in kinds(sentence)


def test_a_closed_clause_does_not_cancel_an_open_one_in_the_same_sentence():
    found = kinds("The analyst role was filled, but her team is hiring for the summer.")
    assert K.OPPORTUNITY in found


# ------------------------------------------------------------------ promises the member made


@pytest.mark.parametrize(
    ("sentence", "thing"),
    [
        ("I promised to send the slides.", "the slides"),
        ("I'll send him my notes.", "my notes"),
        ("I’ll send him the deck tomorrow.", "the deck"),
        ("Said I would share the deck.", "the deck"),
        ("Told her I'd follow up with the report.", "the report"),
        ("I owe him the summary.", "the summary"),
        ("Need to send Ana my CV.", "my CV"),
        ("I need to send the thank-you note to Ben.", "the thank-you note"),
        ("Promised Ben I'd forward the recording.", "the recording"),
        ("I'm going to introduce her to Chi.", "introduce her to Chi"),
        ("Still haven't sent the notes I promised.", "the notes"),
        ("TODO: send Ana the article on data contracts", "the article"),
    ],
)
def test_the_members_own_promise_is_owed_and_names_the_thing(sentence, thing):
    found = read(sentence)[K.I_PROMISED]
    assert found.what == thing
    assert found.kind.owed_by_member
    assert found.quote == sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "I offered to review his deck.",
        "Offered to review his deck.",
        "I sent the slides yesterday.",
        "I promised to send the slides, which I already did.",
        "I won't send the slides.",
        "I'll never forget this chat.",
        "Should I send her my CV?",
        "If I have time, I'll send the notes.",
        "I hope to send the slides soon.",
        "I promised myself I'd reach out more.",
        "We'll send the deck to the whole team.",
        'She said "I\'ll send you the paper."',
        "I'll see her next week.",
        "I need to read more about data contracts.",
    ],
)
def test_an_offer_a_done_deed_a_doubt_or_someone_elses_words_is_no_promise(sentence):
    assert K.I_PROMISED not in kinds(sentence)


# ------------------------------------------------------------------ what contacts asked, offered and advised


def test_a_contact_asking_for_a_cv_by_friday_is_a_promise_owed_with_that_date():
    found = read("She asked me to send my CV by Friday.")[K.THEY_ASKED]
    assert found.what == "my CV"
    assert found.due == THIS_FRIDAY
    assert found.kind.owed_by_member and found.kind.is_promise


@pytest.mark.parametrize(
    ("sentence", "thing"),
    [
        ("He wants me to send the draft by Friday.", "the draft"),
        ("Asked for my portfolio after the demo.", "my portfolio"),
        ("Ana asked me for my reading list.", "my reading list"),
        ("He asked if I could share the deck.", "the deck"),
        ("Ben is waiting for my draft.", "my draft"),
        ("She said to send my CV to the recruiter.", "my CV"),
    ],
)
def test_what_a_contact_asked_for_is_owed_by_the_member(sentence, thing):
    assert read(sentence)[K.THEY_ASKED].what == thing


@pytest.mark.parametrize(
    "sentence",
    [
        "I asked her to review my CV.",
        "I asked for feedback on my portfolio.",
        "She asked how my project was going.",
        "She asked about my project.",
        "He wants a new job.",
        "Did she ask me to send the deck?",
    ],
)
def test_the_member_asking_or_a_question_about_them_is_no_request(sentence):
    assert K.THEY_ASKED not in kinds(sentence)


def test_being_told_to_send_something_is_a_request_not_advice():
    found = read("He told me to send him the draft by Monday.")
    assert set(found) == {K.THEY_ASKED}
    assert found[K.THEY_ASKED].what == "the draft"
    assert found[K.THEY_ASKED].due == NEXT_MONDAY


@pytest.mark.parametrize(
    ("sentence", "thing"),
    [
        ("He offered to introduce me to Ana.", "introduce me to Ana"),
        ("Ana, my manager, offered to introduce me to Ben.", "introduce me to Ben"),
        ("Zoë offered to review my CV.", "review my CV"),
        ("She said she could review my CV.", "review my CV"),
        ("She said she'd be happy to review my CV.", "review my CV"),
        ("Happy to connect me with her team lead, she said.", "connect me with her team lead"),
        ("She said to reach out if I need anything.", "reach out"),
        ("Chi promised to send me the recording.", "the recording"),
        ("She'll introduce me to her manager next week.", "introduce me to her manager"),
        ("They offered regular chats.", "regular chats"),
    ],
)
def test_a_contacts_offer_is_an_open_loop_naming_what_they_offered(sentence, thing):
    found = read(sentence)[K.THEY_OFFERED]
    assert found.what == thing
    assert found.kind.is_promise and not found.kind.owed_by_member


@pytest.mark.parametrize(
    "sentence",
    [
        "I offered to introduce him to Ana.",
        "We offered to help with the launch.",
        "I'd be happy to look over her slides.",
        "I'm happy to help.",
        "He didn't offer to introduce me.",
        "She might introduce me to her manager.",
        "Alumni are happy to help when the request is small and specific.",
    ],
)
def test_the_members_own_offer_a_maybe_or_a_general_truth_is_no_offer_to_take_up(sentence):
    assert K.THEY_OFFERED not in kinds(sentence)


def test_an_offer_to_refer_is_an_offer_and_an_opportunity_only_when_an_opening_is_named_too():
    assert kinds("She offered to refer me.") == {K.THEY_OFFERED}
    assert kinds("She offered to refer me for the open data role.") == {K.THEY_OFFERED, K.OPPORTUNITY}


def test_a_job_posting_the_member_promised_to_pass_on_is_someone_elses_opening():
    found = read("I'll forward Ben the job posting.")
    assert set(found) == {K.I_PROMISED}
    assert found[K.I_PROMISED].what == "the job posting"


def test_a_contact_saying_no_to_one_thing_can_still_open_a_door_in_the_next_clause():
    found = read("Ana's team isn't hiring, but she said to reach out in the summer.")
    assert set(found) == {K.THEY_OFFERED}


@pytest.mark.parametrize(
    ("sentence", "thing"),
    [
        ("She suggested I apply early.", "apply early"),
        ("He advised me to keep a list of wins.", "keep a list of wins"),
        ("Ana recommended that I talk to the data team.", "talk to the data team"),
        ("He told me to ask more questions in stand-up.", "ask more questions in stand-up"),
        ("Her tip was to write my questions down before a chat.", "write my questions down"),
        ("His advice: start small.", "start small"),
        ("Ben thinks I should talk to the data team.", "talk to the data team"),
        ("She recommended the book Deep Work.", "the book Deep Work"),
    ],
)
def test_advice_from_a_contact_is_kept_with_what_they_advised(sentence, thing):
    assert read(sentence)[K.ADVICE].what == thing


@pytest.mark.parametrize(
    "sentence",
    [
        "I suggested she apply early.",
        "I recommended the book to her.",
        "My advice to him was to relax.",
        "I think I should talk to the data team.",
        "She never suggested I apply.",
    ],
)
def test_the_members_own_suggestions_are_not_advice_received(sentence):
    assert K.ADVICE not in kinds(sentence)


# ------------------------------------------------------------------ feelings


@pytest.mark.parametrize(
    ("sentence", "feeling"),
    [
        ("I'm really nervous about Friday's review.", Feeling.NERVOUS),
        ("Nervous before the coffee chat with the director.", Feeling.NERVOUS),
        ("The panel made me anxious.", Feeling.NERVOUS),
        ("I was dreading the midpoint review.", Feeling.NERVOUS),
        ("I felt intimidated by the senior engineers.", Feeling.NERVOUS),
        ("I'm completely swamped this week.", Feeling.OVERWHELMED),
        ("Feeling overwhelmed by onboarding.", Feeling.OVERWHELMED),
        ("It's all too much right now.", Feeling.OVERWHELMED),
        ("I'm burnt out.", Feeling.OVERWHELMED),
        ("I'm behind on my goals this month.", Feeling.BEHIND),
        ("I feel like I'm failing at networking.", Feeling.BEHIND),
        ("I haven't met enough people this month.", Feeling.BEHIND),
        ("The mock interview went badly.", Feeling.BEHIND),
        ("Disappointed in myself for skipping the mixer.", Feeling.BEHIND),
        ("So proud of myself for speaking up.", Feeling.PROUD),
        ("Nailed the final presentation!", Feeling.PROUD),
        ("My talk went really well.", Feeling.PROUD),
        ("I'm happy with how the coffee chat went.", Feeling.PROUD),
    ],
)
def test_how_the_member_says_they_feel_is_a_feeling(sentence, feeling):
    found = read(sentence)[K.FEELING]
    assert found.feeling is feeling
    assert found.feeling.is_low == (feeling is not Feeling.PROUD)


@pytest.mark.parametrize(
    "sentence",
    [
        "He was nervous before his talk.",
        "She seemed anxious about the reorg.",
        "Not nervous anymore.",
        "I'm not nervous anymore.",
        "I don't feel overwhelmed.",
        "She's proud of me.",
        "I'm proud of Ben.",
        "Her talk went really well.",
        "I was stuck in traffic.",
        "Am I behind?",
        "If I get nervous, I'll breathe.",
    ],
)
def test_someone_elses_feeling_a_negated_one_or_a_question_is_no_feeling_of_the_member(sentence):
    assert K.FEELING not in kinds(sentence)


def test_a_sentence_that_moves_from_nerves_to_a_win_ends_proud():
    found = signals_in("I was nervous at first but it went really well.", TODAY)
    assert [(f.kind, f.feeling) for f in found] == [(K.FEELING, Feeling.PROUD)]


def test_nerves_about_a_dated_event_carry_its_date():
    assert read("Nervous about the presentation on 22 April.")[K.FEELING].due == dt.date(2026, 4, 22)


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("by Friday", THIS_FRIDAY),
        ("by Wednesday", dt.date(2026, 4, 22)),  # written on a Wednesday: the next one
        ("by next Friday", dt.date(2026, 4, 24)),
        ("this Friday", THIS_FRIDAY),
        ("today", TODAY),
        ("tomorrow", dt.date(2026, 4, 16)),
        ("the day after tomorrow", dt.date(2026, 4, 17)),
        ("next week", NEXT_MONDAY),
        ("by the end of the week", THIS_FRIDAY),
        ("by the end of the month", dt.date(2026, 4, 30)),
        ("by the end of next month", dt.date(2026, 5, 31)),
        ("in two weeks", dt.date(2026, 4, 29)),
        ("within 3 days", dt.date(2026, 4, 18)),
        ("in a month", dt.date(2026, 5, 15)),
        ("by 3 May", dt.date(2026, 5, 3)),
        ("by May 3rd", dt.date(2026, 5, 3)),
        ("by the 3rd of May", dt.date(2026, 5, 3)),
        ("by May 3, 2026", dt.date(2026, 5, 3)),
        ("by 2026-05-03", dt.date(2026, 5, 3)),
        ("by the end of May", dt.date(2026, 5, 31)),
        ("by 15 April", TODAY),  # on or after the day written
        ("by 3 March", dt.date(2027, 3, 3)),  # no year: the next 3 March
        ("by 31 February", None),
        ("on Friday", None),  # a bare weekday may be a day already past
        ("by 3 May 2031", None),  # years away: taken for a typo
        ("at some point", None),
    ],
)
def test_a_date_in_the_sentence_becomes_the_due_date_counted_from_the_day_written(phrase, due):
    assert read(f"She asked me to send my CV {phrase}.")[K.THEY_ASKED].due == due


def test_dates_count_from_the_conversation_day_not_from_today():
    monday = dt.date(2026, 3, 2)
    found = extract(snapshot((talk(monday, notes="She asked me to send my CV by Friday."),)), TODAY)
    assert [s.due for s in found] == [dt.date(2026, 3, 6)]


def test_a_deadline_wins_over_a_date_merely_mentioned():
    found = read("Met her on 20 April and she wants me to send my CV by Friday.")[K.THEY_ASKED]
    assert found.due == THIS_FRIDAY


# ------------------------------------------------------------------ quotes and keys


def test_the_quote_is_the_members_sentence_as_written_with_whitespace_collapsed():
    text = "Great chat!  She   asked me\n to send my CV\tby Friday.  Then lunch."
    (found,) = signals_in(text, TODAY)
    assert found.quote == "She asked me to send my CV by Friday."
    assert found.quote in collapse(text)


def test_each_line_of_a_list_is_its_own_sentence():
    text = "- Ana is hiring for the platform team\n- promised to send her the slides by Friday"
    found = signals_in(text, TODAY)
    assert [(f.kind, f.quote) for f in found] == [
        (K.OPPORTUNITY, "Ana is hiring for the platform team"),
        (K.I_PROMISED, "promised to send her the slides by Friday"),
    ]
    assert found[1].due == THIS_FRIDAY


def test_a_sentence_written_twice_in_a_note_counts_once():
    assert len(signals_in("I'll send the slides. I'll send the slides.", TODAY)) == 1


def test_keys_are_stable_across_reads_and_differ_between_sentences_and_records():
    notes = "She asked me to send my CV by Friday. I promised to send her the slides."
    first = extract(snapshot((talk(notes=notes), talk(notes=notes, cid=8))), TODAY)
    again = extract(snapshot((talk(notes=notes), talk(notes=notes, cid=8))), TODAY)
    assert [s.key for s in first] == [s.key for s in again]
    assert len({s.key for s in first}) == 4
    assert first[0].key != first[1].key  # two sentences of one note


def test_a_changed_note_keeps_the_key_of_a_sentence_it_kept():
    before = extract(snapshot((talk(notes="She asked me to send my CV by Friday."),)), TODAY)
    after = extract(snapshot((talk(notes="Lovely chat. She asked me to send my CV by Friday."),)), TODAY)
    assert [s.key for s in before] == [s.key for s in after]


# ------------------------------------------------------------------ sources


def test_conversation_signals_name_the_field_the_day_and_the_conversations_people():
    conversation = talk(
        people=(1, 4),
        learned="Her team is hiring for the summer.",
        notes="She asked me to send my CV by Friday.",
        topics=("return offers", "career paths"),
    )
    found = {s.source.field: s for s in extract(snapshot((conversation,)), TODAY)}
    assert set(found) == {"learned", "notes", "topics"}
    for signal in found.values():
        assert signal.source.kind is SourceKind.CONVERSATION
        assert signal.source.record_id == 7
        assert signal.source.written_on == conversation.date
        assert signal.person_ids == (1, 4)
    assert found["topics"].quote == "return offers"


def test_in_help_offered_only_the_members_own_promises_count():
    conversation = talk(
        help_offered="Offered to review his deck. Passed on a job posting. Will send him the article tomorrow."
    )
    (signal,) = extract(snapshot((conversation,)), TODAY)
    assert signal.kind is K.I_PROMISED
    assert signal.what == "the article"
    assert signal.source.field == "help_offered"
    assert signal.due == dt.date(2026, 4, 11)


def test_a_conversation_dated_after_today_is_not_read_yet():
    assert extract(snapshot((talk(day=dt.date(2026, 4, 16), notes="Her team is hiring."),)), TODAY) == ()


def test_a_note_on_a_person_is_about_that_person_and_counts_dates_from_today():
    ana = Person(name="Ana Ruiz", id=1, notes="Her team is hiring; applications close end of the month.")
    (signal,) = extract(snapshot(people=(ana,)), TODAY)
    assert signal.source.kind is SourceKind.PERSON
    assert signal.source.record_id == 1 and signal.source.field == "notes"
    assert signal.source.written_on == TODAY
    assert signal.person_ids == (1,)
    assert signal.due == dt.date(2026, 4, 30)


def test_a_monthly_reflection_is_written_on_its_last_day_or_today_if_earlier():
    march = Reflection(month="2026-03", text="I'm behind on my goals.", id=5)
    april = Reflection(month="2026-04", text="Proud of myself for speaking up.", id=6)
    found = {s.source.record_id: s for s in extract(snapshot(reflections=(march, april)), TODAY)}
    assert found[5].source == Source(SourceKind.REFLECTION, 5, "text", dt.date(2026, 3, 31))
    assert found[6].source.written_on == TODAY
    assert found[5].feeling is Feeling.BEHIND and found[6].feeling is Feeling.PROUD


def test_a_reflection_names_a_person_only_when_the_name_can_be_only_them():
    text = (
        "Ana offered to introduce me to her lead. "
        "Ben suggested I apply early. "
        "Ben Lund told me to ask more questions. "
        "Chi Wu and Ana Ruiz both said to reach out any time."
    )
    found = {
        s.quote.split()[0] + s.quote.split()[1]: s.person_ids
        for s in extract(snapshot(reflections=(Reflection("2026-04", text, 9),)), TODAY)
    }
    assert found == {
        "Anaoffered": (1,),  # the only Ana
        "Bensuggested": (),  # two Bens: nobody
        "BenLund": (3,),  # the full name settles it
        "ChiWu": (4, 1),  # both, in the order named
    }


def test_a_tip_reflection_is_written_when_the_tip_was_tried_or_read_or_today():
    tried = TipProgress("follow-up", read_on=dt.date(2026, 4, 1), tried_on=dt.date(2026, 4, 3), id=1)
    read_only = TipProgress("be-proactive", read_on=dt.date(2026, 4, 2), id=2)
    untouched = TipProgress("practice", id=3)
    tips = tuple(
        TipProgress(t.tip_id, t.read_on, t.tried_on, "I'm nervous about Chi's review by Friday.", id=t.id)
        for t in (tried, read_only, untouched)
    )
    found = {s.source.record_id: s for s in extract(snapshot(tips=tips), TODAY)}
    assert {k: s.source.written_on for k, s in found.items()} == {
        1: dt.date(2026, 4, 3),
        2: dt.date(2026, 4, 2),
        3: TODAY,
    }
    assert {s.source.kind for s in found.values()} == {SourceKind.TIP}
    assert found[1].due == dt.date(2026, 4, 10)  # the Friday after the day it was tried
    assert found[1].person_ids == (4,)


# ------------------------------------------------------------------ properties

# Words that appear in notes but name no opening, promise, request or offer on their own.
PLAIN_WORDS = [
    "I",
    "I'm",
    "I'll",
    "I'd",
    "I've",
    "me",
    "my",
    "we",
    "she",
    "he",
    "they",
    "her",
    "him",
    "them",
    "it",
    "the",
    "a",
    "an",
    "and",
    "but",
    "so",
    "then",
    "to",
    "of",
    "in",
    "on",
    "at",
    "for",
    "with",
    "about",
    "by",
    "from",
    "not",
    "no",
    "never",
    "will",
    "would",
    "could",
    "should",
    "can",
    "must",
    "need",
    "have",
    "had",
    "was",
    "were",
    "is",
    "are",
    "be",
    "been",
    "today",
    "tomorrow",
    "Friday",
    "Monday",
    "next",
    "week",
    "month",
    "May",
    "3",
    "2026-05-03",
    "end",
    "coffee",
    "chat",
    "team",
    "project",
    "data",
    "pipeline",
    "meeting",
    "learned",
    "talked",
    "met",
    "about",
    "slides",
    "deck",
    "CV",
    "notes",
    "role",
    "position",
    "career",
    "paths",
    "roadmap",
    "manager",
    "mentor",
    "Ana",
    "Ben",
    "Chi",
    "great",
    "good",
    "really",
    "very",
    "nervous",
    "proud",
    "busy",
    "lunch",
    "question",
    "questions",
    "idea",
    "ideas.",
]


def plain_text() -> st.SearchStrategy[str]:
    word = st.sampled_from(PLAIN_WORDS)
    gap = st.sampled_from([" ", " ", " ", ", ", ". ", "; ", "\n", " - ", "? ", "! ", "  \t"])
    return st.lists(st.tuples(word, gap), max_size=40).map(lambda pairs: "".join(w + g for w, g in pairs))


ANY_TEXT = st.text(max_size=300) | plain_text()
DAYS = st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))


@settings(deadline=None, max_examples=300)
@given(text=ANY_TEXT, written_on=DAYS)
@example(text="Ana offered to refer me; applications close 31 Feb 9999 ’” ?", written_on=dt.date(2000, 1, 1))
def test_reading_any_text_never_fails_and_quotes_only_the_members_words(text, written_on):
    flat = collapse(text)
    for found in signals_in(text, written_on):
        assert found.quote and found.quote in flat
        assert found.what in found.quote
        assert (found.feeling is not None) == (found.kind is K.FEELING)


@settings(deadline=None, max_examples=100)
@given(
    notes=st.lists(ANY_TEXT, min_size=5, max_size=5),
    day=st.dates(dt.date(2025, 1, 1), dt.date(2026, 4, 15)),
    month=st.sampled_from(["2026-03", "2026-04", "2027-01", "garbage"]),
)
def test_extracting_from_any_record_never_fails_and_every_quote_is_in_its_record(notes, day, month):
    learned, talk_notes, help_offered, person_notes, reflection = notes
    snap = snapshot(
        conversations=(
            talk(day, learned=learned, notes=talk_notes, help_offered=help_offered, topics=(learned[:50],)),
        ),
        people=(Person(name="Ana Ruiz", id=1, notes=person_notes), BEN),
        reflections=(Reflection(month, reflection, id=3),),
        tips=(TipProgress("follow-up", reflection=reflection, id=4),),
    )
    written = {
        (SourceKind.CONVERSATION, "learned"): learned,
        (SourceKind.CONVERSATION, "notes"): talk_notes,
        (SourceKind.CONVERSATION, "help_offered"): help_offered,
        (SourceKind.CONVERSATION, "topics"): learned[:50],
        (SourceKind.PERSON, "notes"): person_notes,
        (SourceKind.REFLECTION, "text"): reflection,
        (SourceKind.TIP, "reflection"): reflection,
    }
    for signal in extract(snap, TODAY):
        assert isinstance(signal, Signal)
        assert signal.quote in collapse(written[(signal.source.kind, signal.source.field)])
        assert signal.what in signal.quote


# Words that open, promise, ask or offer: a text without any of them holds none of those signals.
TRIGGER_WORDS = re.compile(
    r"\b(?:hir|recruit|open|vacan|headcount|look|refer|put|word|appl|deadline|submission|return|full|offer|convert"
    r"|conversion|job|post|promis|owe|send|share|forward|mail|pass|give|bring|show|drop|get|follow|introduc|intro"
    r"|connect|loop|review|proofread|check|reach|ping|message|text|call|circle|thank|help|write|set|book|schedule"
    r"|arrange|update|agreed|ask|request|want|like|expect|told|waiting|said|says|mention|happy|glad|keen|willing"
    r"|delighted|door|free)",
    re.IGNORECASE,
)


@settings(deadline=None, max_examples=300)
@given(text=plain_text(), extra=st.lists(st.text(alphabet=string.ascii_letters + "'", min_size=1), max_size=5))
def test_text_without_any_trigger_word_never_holds_a_promise_or_an_opportunity(text, extra):
    text = " ".join([text, *(w for w in extra if not TRIGGER_WORDS.search(w))])
    assert not TRIGGER_WORDS.search(text)
    held = {found.kind for found in signals_in(text, TODAY)}
    assert held.isdisjoint({K.OPPORTUNITY, K.I_PROMISED, K.THEY_ASKED, K.THEY_OFFERED})


DATE_WORDS = st.sampled_from(
    [
        "by",
        "before",
        "next",
        "this",
        "end",
        "of",
        "the",
        "month",
        "week",
        "day",
        "tomorrow",
        "today",
        "Friday",
        "Monday",
        "in",
        "within",
        "two",
        "3",
        "12",
        "99",
        "a",
        "couple",
        "fortnight",
        "weeks",
        "days",
        "months",
        "from",
        "now",
        "May",
        "March",
        "February",
        "29",
        "31",
        "2026",
        "2031",
        "1999",
        "-05-03",
        "3rd",
        "of",
    ]
)


@settings(deadline=None, max_examples=300)
@given(words=st.lists(DATE_WORDS, max_size=12), written_on=DAYS)
def test_a_due_date_is_never_more_than_a_year_before_or_two_years_after_the_day_written(words, written_on):
    text = "She asked me to send my CV " + " ".join(words) + "."
    for found in signals_in(text, written_on):
        if found.due is not None:
            assert -366 <= (found.due - written_on).days <= 731


@pytest.mark.parametrize(
    "sentence",
    [
        "Noah already has a return offer from audit.",
        "Intern lunch, everyone's worried about return offers.",
        "I got a return offer!",
    ],
)
def test_someone_elses_offer_or_worry_about_offers_is_no_opening_for_the_member(sentence):
    assert SignalKind.OPPORTUNITY not in kinds(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["Karin wants me to run the usability test myself.", "Maya wants me to present the dashboard to the team."],
)
def test_the_weeks_work_a_manager_hands_out_is_not_a_promise_owed(sentence):
    assert SignalKind.THEY_ASKED not in kinds(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Karin offered to go through my portfolio with me whenever I want.",
        "Diego said he owes me one - ping him anytime if I want a second pair of eyes on my model.",
    ],
)
def test_an_offer_to_go_through_work_or_a_favour_to_return_is_an_offer(sentence):
    assert SignalKind.THEY_OFFERED in kinds(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "In February I felt completely overwhelmed and behind on everything.",
        "At first I was really nervous about coffee chats.",
        "I used to feel behind on everything.",
    ],
)
def test_a_low_feeling_told_about_an_earlier_time_is_not_how_the_member_feels_now(sentence):
    assert K.FEELING not in kinds(sentence)


def test_a_feeling_in_the_month_it_was_written_still_counts():
    assert read("In May I felt overwhelmed.", dt.date(2026, 5, 31))[K.FEELING].feeling is Feeling.OVERWHELMED


def test_saying_youd_get_something_to_someone_is_a_promise_with_its_day():
    found = read("Said I'd get the funnel breakdown to Jonah by Wednesday.", dt.date(2026, 5, 18))[K.I_PROMISED]
    assert found.what == "the funnel breakdown" and found.due == dt.date(2026, 5, 20)


def test_happy_to_hop_on_a_call_is_an_offer_to_take_up():
    assert K.THEY_OFFERED in kinds("Said she's happy to hop on a 20 min call sometime if I want.")


def test_a_company_that_maps_job_ads_is_not_an_opening():
    assert K.OPPORTUNITY not in kinds("They map job ads to a skills taxonomy.")
