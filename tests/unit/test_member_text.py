"""Member text shows exactly as typed: never markup, an icon, a link, math or a reversed line.

`for_markdown` is checked against a model of what Streamlit's markdown does
to text once its backslash escapes are resolved (the browser test checks the
real renderer); `for_plotly` against Plotly's label dialect.
"""

from __future__ import annotations

import html
import re
import string

import pandas as pd
from hypothesis import example, given, settings
from hypothesis import strategies as st

from netcoach.insights import charts
from netcoach.member_text import (
    BIDI_CONTROLS,
    FIRST_STRONG_ISOLATE,
    POP_DIRECTIONAL_ISOLATE,
    WORD_JOINER,
    for_code_span,
    for_markdown,
    for_plain,
    for_plotly,
    seen_in_markdown,
)

HOSTILE = [
    "**bold**",
    "__b__",
    "*i*",
    "[x](javascript:alert(1))",
    "<b>x</b>",
    '<a href="https://e.x">l</a>',
    "<img src=x onerror=alert(1)>",
    "$x^2$",
    "$$\\frac12$$",
    ":red[red]",
    ":material/warning:",
    ":material_warning:",
    ":smile:",
    ":+1:",
    ":streamlit:",
    "# h",
    "> q",
    "`code`",
    "~~s~~",
    "\u202ereversed",
    "|a|b|",
    "\\",
    "1. list",
    "- list",
    "a -> b <= c",
    "www.example.com",
    "ann@example.com",
    "https://e.x",
    "line one\n\n    indented code",
    "Title\n===",
]

# Members type anything: printable ASCII (all of markdown's syntax), newlines,
# right-to-left letters, and every direction control.
DIRECTION_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
OTHER_LETTERS = "\u05e9\u05dc\u0645é名" + WORD_JOINER
MEMBER_TEXT = st.text(alphabet=st.sampled_from([*string.printable, *DIRECTION_CONTROLS, *OTHER_LETTERS]), max_size=60)

ASCII_PUNCTUATION = set(string.punctuation)
# What Streamlit and remark-gfm rewrite in text after escapes are resolved.
TEXT_NODE_PATTERNS = [
    re.compile(r":[\w+\-]+:"),  # :material_x:, :smile:, :+1:, :streamlit:
    re.compile(r"(^|\s)(<->|->|<-|--|>=|<=|~=)(\s|$)"),  # typographic arrows
    re.compile(r"www\.", re.IGNORECASE),  # autolinked address
    re.compile(r"[-.\w+]@[-\w]+\.[-\w]"),  # autolinked email
    re.compile(r"https?://"),
]


def unescaped_outside_escapes(markdown: str) -> list[str]:
    """ASCII punctuation in the markdown source that no backslash escapes."""
    loose: list[str] = []
    chars = iter(markdown)
    for ch in chars:
        if ch == "\\":
            following = next(chars, "")
            if following not in ASCII_PUNCTUATION:
                loose.append("\\")
        elif ch in ASCII_PUNCTUATION:
            loose.append(ch)
    return loose


def text_nodes(markdown: str) -> str:
    """The text once markdown escapes are resolved, invisible characters kept (what later plugins see)."""
    return re.sub(r"\\([" + re.escape(string.punctuation) + "])", r"\1", markdown)


def typed_as_seen(text: str) -> str:
    """What the person typed, as a browser shows it: no direction controls, no blank lines or outer spaces."""
    lines = BIDI_CONTROLS.sub("", text).replace(WORD_JOINER, "").splitlines()
    return "\n".join(line.strip() for line in lines if line.strip())


@settings(max_examples=400, deadline=None)
@given(MEMBER_TEXT)
def test_any_text_in_markdown_has_every_special_character_escaped(text: str) -> None:
    markdown = for_markdown(text)
    assert unescaped_outside_escapes(markdown.replace("  \n", "\n")) == []
    assert ":material/" not in markdown  # Streamlit rewrites this in the raw source, before any escape
    for pattern in TEXT_NODE_PATTERNS:
        assert not pattern.search(text_nodes(markdown)), (pattern.pattern, markdown)


@settings(max_examples=400, deadline=None)
@given(MEMBER_TEXT)
@example("\u2066\t\u2069")  # a closed isolate around nothing visible
@example("0\r\u2060")  # a line holding only an invisible joiner
@example("0 \u2060")  # a joiner after a trailing space
def test_what_the_person_sees_is_what_they_typed_minus_direction_controls(text: str) -> None:
    assert seen_in_markdown(for_markdown(text)) == typed_as_seen(text)


def isolates_closed(line: str) -> bool:
    """Every isolate opened on the line is closed on it, and nothing closes what was not opened."""
    depth = 0
    for ch in line:
        if ch in "\u2066\u2067\u2068":
            depth += 1
        elif ch == POP_DIRECTIONAL_ISOLATE:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


@settings(max_examples=300, deadline=None)
@given(MEMBER_TEXT)
def test_no_direction_control_leaks_out_of_member_text(text: str) -> None:
    # Plotly shows a label on one line (it turns newlines into spaces), so it is checked as a whole.
    for lines in (for_markdown(text).split("\n"), for_plain(text).splitlines(), [for_plotly(text)]):
        for line in lines:
            assert not re.search("[\u202a-\u202e\u200e\u200f\u061c]", line), repr(line)
            assert isolates_closed(line), repr(line)


def test_names_isolated_one_by_one_stay_isolated_when_joined_into_a_label() -> None:
    hebrew = "\u05e9\u05dc\u05d5\u05dd"
    joined = ", ".join(for_plain(name) for name in (hebrew, "Ana"))
    isolated_hebrew = f"{FIRST_STRONG_ISOLATE}{hebrew}{POP_DIRECTIONAL_ISOLATE}"
    assert for_markdown(joined) == f"{FIRST_STRONG_ISOLATE}{isolated_hebrew}\\, Ana{POP_DIRECTIONAL_ISOLATE}"
    assert for_markdown("\u2068open but never closed, then \u202ereversed") == "open but never closed\\, then reversed"


@settings(max_examples=300, deadline=None)
@given(MEMBER_TEXT)
def test_any_text_as_a_plotly_label_shows_literally(text: str) -> None:
    label = for_plotly(text)
    assert not set(label) & {"<", ">", "$"}
    assert re.sub(r"&(amp|lt|gt|#36);", "", label).count("&") == 0
    shown = re.sub("[\u2066-\u2069]", "", html.unescape(label))  # isolates are invisible
    assert shown == BIDI_CONTROLS.sub("", text)


@settings(max_examples=300, deadline=None)
@given(MEMBER_TEXT)
@example("0 \u2060")  # an invisible joiner typed after a space
def test_an_address_as_a_code_span_reads_back_exactly_on_one_line(text: str) -> None:
    span = for_code_span(text)
    assert ":material/" not in span
    assert seen_in_markdown(span) == " ".join(BIDI_CONTROLS.sub("", text).replace(WORD_JOINER, "").split())


def test_ordinary_text_gets_no_invisible_characters() -> None:
    for text in ("Met at 10:30 in room B-2", "Q&A with the team - notes", "Ana Costa", "x>=3", "a@b"):
        assert WORD_JOINER not in for_markdown(text), text


def test_each_hostile_sample_is_escaped_and_reads_back_as_typed() -> None:
    for text in HOSTILE:
        markdown = for_markdown(text)
        assert unescaped_outside_escapes(markdown.replace("  \n", "\n")) == [], text
        assert seen_in_markdown(markdown) == typed_as_seen(text), text


def test_a_right_to_left_override_is_removed_and_right_to_left_names_are_isolated() -> None:
    assert for_markdown("\u202eevil") == "evil"
    hebrew = for_markdown("\u05e9\u05dc\u05d5\u05dd Ben")
    assert hebrew.startswith(FIRST_STRONG_ISOLATE) and hebrew.endswith(POP_DIRECTIONAL_ISOLATE)
    assert for_markdown("Ben Okafor") == "Ben Okafor"  # plain names stay plain


def test_icon_and_emoji_codes_are_broken_even_after_escapes_are_resolved() -> None:
    for code in (":material/warning:", ":smile:", ":streamlit:"):
        assert ":material/" not in for_markdown(code)
        assert not re.search(r":\w", text_nodes(for_markdown(code)))


def test_organizations_chart_labels_show_markup_as_text() -> None:
    df = pd.DataFrame(
        {"organization": ["<b>Acme</b>", "<a href='https://e.x'>l</a>", "$x^2$"], "people": [3, 2, 1]}
    ).assign(conversations=[4, 2, 1])
    fig = charts.organizations(df)
    labels = list(fig.data[0].y)
    assert "&lt;b&gt;Acme&lt;/b&gt;" in labels
    assert all("<" not in label and "$" not in label for label in labels)
