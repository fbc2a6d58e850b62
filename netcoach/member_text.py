"""Text a member typed, made inert for the places the dashboard shows it.

Streamlit interprets markdown in far more places than `st.markdown`
(captions, titles, alerts, toasts, expander, tab and button labels, radio
options, progress text), and Plotly interprets a small HTML dialect in every
axis, category, legend and hover label. Member text must show exactly as it
was typed in all of them, so it goes through one of the functions here:

- `for_markdown` for any string Streamlit renders as markdown;
- `for_plain` for strings Streamlit shows as plain text (select box and
  multiselect options, code blocks) where only the reading direction matters;
- `for_plotly` for chart labels.

Why backslashes are not enough: Streamlit resolves markdown escapes first and
then rewrites the resulting *text* again (`:material/name:` icons, `:smile:`
emoji, the `:streamlit:` logo, `->` arrows, bare `www.` addresses and
`name@host` emails turned into links). Those patterns are broken with an
invisible WORD JOINER (U+2060), which changes nothing a person sees.

Direction: embedding and override controls (U+202A-U+202E, U+2066-U+2069,
U+200E/U+200F, U+061C) are removed, so a stray U+202E cannot reverse the
rest of a line that holds other people's names; text that contains
right-to-left letters is wrapped in FIRST STRONG ISOLATE ... POP DIRECTIONAL
ISOLATE so it cannot reorder what surrounds it.
"""

from __future__ import annotations

import re
import string
import unicodedata

WORD_JOINER = "\u2060"
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"

# Every character that changes the reading order of what follows it.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_RIGHT_TO_LEFT = frozenset({"R", "AL", "AN"})

# CommonMark lets a backslash escape any ASCII punctuation, and only those.
_ASCII_PUNCTUATION = frozenset(string.punctuation)
_MARKDOWN_ESCAPE = re.compile("([" + re.escape(string.punctuation) + "])")

# Patterns Streamlit and remark-gfm find in text that is already unescaped:
# ":name:" codes (icons, emoji, logo), "http://", typographic arrows such as
# "->" and "<=", "www." addresses and "name@host" emails.
_AFTER_COLON = re.compile(r"(:)(?=[\w+\-/])")
_ARROW_PAIR = re.compile(r"([-<>~])(?=[-<>=])")
_WWW = re.compile(r"(www)(?=\.)", re.IGNORECASE)
_AT = re.compile(r"(@)")

_PLOTLY_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "$": "&#36;"}
_PLOTLY_SPECIAL = re.compile("[&<>$]")


def strip_direction_controls(text: str) -> str:
    """The text without any character that changes the reading order of its line."""
    return BIDI_CONTROLS.sub("", text)


def _isolated(text: str) -> str:
    """Wrap text holding right-to-left letters so it cannot reorder its surroundings."""
    if any(unicodedata.bidirectional(ch) in _RIGHT_TO_LEFT for ch in text):
        return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"
    return text


def _inert_line(line: str) -> str:
    """One line of member text as markdown that renders exactly these characters."""
    line = line.strip()
    # The joiners go in first: the patterns are matched on the unescaped text.
    for pattern in (_AFTER_COLON, _ARROW_PAIR, _WWW, _AT):
        line = pattern.sub(rf"\1{WORD_JOINER}", line)
    return _isolated(_MARKDOWN_ESCAPE.sub(r"\\\1", line))


def for_markdown(text: object) -> str:
    """Member text for any place Streamlit renders markdown: shown as typed, never as markup.

    Lines become hard line breaks; blank lines and leading spaces are dropped
    (a browser would not show them, and they would start new markdown blocks).
    """
    lines = strip_direction_controls(str(text)).splitlines()
    return "  \n".join(_inert_line(line) for line in lines if line.strip())


def for_plain(text: object) -> str:
    """Member text for places Streamlit shows as plain text: only its reading direction is fixed."""
    return "\n".join(_isolated(line) for line in strip_direction_controls(str(text)).split("\n"))


def for_plotly(text: object) -> str:
    """Member text for a Plotly label (axis, category, legend, hover): its HTML dialect and TeX made inert."""
    escaped = _PLOTLY_SPECIAL.sub(lambda m: _PLOTLY_ENTITIES[m.group()], strip_direction_controls(str(text)))
    return _isolated(escaped)


def seen_in_markdown(markdown: str) -> str:
    """What a person reads when `for_markdown` output is rendered: the inverse used by tests and checks.

    Removes the escaping backslashes, the invisible word joiners and isolates,
    and turns hard line breaks back into newlines.
    """
    out: list[str] = []
    chars = iter(markdown.replace("  \n", "\n"))
    for ch in chars:
        if ch == "\\":
            following = next(chars, "")
            out.append(following if following in _ASCII_PUNCTUATION else ch + following)
        elif ch not in (WORD_JOINER, FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE):
            out.append(ch)
    return "".join(out)
