"""Text a member typed, made inert for the places the dashboard shows it.

Streamlit interprets markdown in far more places than `st.markdown`
(captions, titles, alerts, toasts, expander, tab and button labels, radio
options, progress text), and Plotly interprets a small HTML dialect in every
axis, category, legend and hover label. Member text must show exactly as it
was typed in all of them, so it goes through one of the functions here:

- `for_markdown` for any string Streamlit renders as markdown;
- `for_code_span` for addresses and links a person may copy, shown as
  inline code inside markdown;
- `for_plain` for strings Streamlit shows as plain text (select box and
  multiselect options, code blocks) where only the reading direction matters;
- `for_plotly` for chart labels.

Why backslashes are not enough: Streamlit resolves markdown escapes first and
then rewrites the resulting *text* again (`:material/name:` icons, `:smile:`
emoji, the `:streamlit:` logo, ` -> ` arrows, bare `www.` addresses and
`name@host.tld` emails turned into links). Just those spots get an invisible
WORD JOINER (U+2060), which changes nothing a person sees.

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
# Embeddings, overrides and marks: never kept. Isolates are kept only as closed pairs.
_EMBEDDINGS_AND_MARKS = re.compile("[\u202a-\u202e\u200e\u200f\u061c]")
_ISOLATE_OPENERS = frozenset("\u2066\u2067\u2068")
_RIGHT_TO_LEFT = frozenset({"R", "AL", "AN"})

# CommonMark lets a backslash escape any ASCII punctuation, and only those.
_ASCII_PUNCTUATION = frozenset(string.punctuation)
_MARKDOWN_ESCAPE = re.compile("([" + re.escape(string.punctuation) + "])")

# Patterns Streamlit and remark-gfm find in text that is already unescaped:
# ":name:" codes (icons, emoji, logo), "http://" and "www." addresses,
# "name@host.tld" emails, and typographic arrows such as " -> " and " <= ".
# Only those spots get a joiner, so ordinary text ("10:30") copies as typed.
_CODE_COLON = re.compile(r"(:)(?=[\w+\-/]+:|//)")
_ARROW = re.compile(r"(?:^|(?<=\s))([-<>~])(?=(?:->|-|>|=)(?:\s|$))")
_WWW = re.compile(r"(www)(?=\.)", re.IGNORECASE)
_EMAIL_AT = re.compile(r"(?<=[-.\w+])(@)(?=[-\w]+\.[-\w])")
_BACKTICKS = re.compile("`+")
# What a person never sees: the joiner and the isolates.
_INVISIBLE = frozenset(WORD_JOINER + "\u2066\u2067\u2068\u2069")

_PLOTLY_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "$": "&#36;"}
_PLOTLY_SPECIAL = re.compile("[&<>$]")


def strip_direction_controls(text: str) -> str:
    """The text without anything that could change the reading order of what follows it.

    Embedding and override controls and direction marks are removed. Isolates
    (U+2066-U+2069) stay only as pairs closed on the same line: a closed
    isolate cannot touch its surroundings, and keeping them keeps the isolate
    `for_plain` puts around each name when names are joined into one label.
    """
    if text.isascii():  # every control, mark and isolate is outside ASCII
        return text
    return "".join(_closed_isolates(line) for line in _EMBEDDINGS_AND_MARKS.sub("", text).splitlines(keepends=True))


def _closed_isolates(line: str) -> str:
    """The line with every isolate opener or closer that has no partner removed."""
    unmatched: set[int] = set()
    open_at: list[int] = []
    for index, ch in enumerate(line):
        if ch in _ISOLATE_OPENERS:
            open_at.append(index)
        elif ch == POP_DIRECTIONAL_ISOLATE:
            if open_at:
                open_at.pop()
            else:
                unmatched.add(index)
    unmatched.update(open_at)
    return "".join(ch for index, ch in enumerate(line) if index not in unmatched) if unmatched else line


def _isolated(text: str) -> str:
    """Wrap text holding right-to-left letters so it cannot reorder its surroundings."""
    if text.isascii():
        return text
    if any(unicodedata.bidirectional(ch) in _RIGHT_TO_LEFT for ch in text):
        return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"
    return text


def _inert_line(line: str, isolate: bool) -> str:
    """One line of member text as markdown that renders exactly these characters."""
    line = line.strip()
    # The joiners go in first: the patterns are matched on the unescaped text.
    for pattern in (_CODE_COLON, _ARROW, _WWW, _EMAIL_AT):
        line = pattern.sub(rf"\1{WORD_JOINER}", line)
    line = _MARKDOWN_ESCAPE.sub(r"\\\1", line)
    return _isolated(line) if isolate else line


def for_markdown(text: object, *, isolate: bool = True) -> str:
    """Member text for any place Streamlit renders markdown: shown as typed, never as markup.

    Lines become hard line breaks; blank lines and leading spaces are dropped
    (a browser would not show them, and they would start new markdown blocks).
    `isolate=False` is for our own sentences that quote member text (a coach
    nudge): isolating a whole sentence that starts with a right-to-left name
    would turn the sentence around; direction controls are removed either way.
    """
    # Joiners the member typed are invisible and would keep a line's outer spaces from being
    # trimmed; the ones this module needs are added back by `_inert_line`.
    lines = strip_direction_controls(str(text)).replace(WORD_JOINER, "").splitlines()
    # A line holding only spaces and invisible characters shows nothing, so it is dropped too.
    shown = [line for line in lines if "".join(c for c in line if c not in _INVISIBLE).strip()]
    return "  \n".join(_inert_line(line, isolate) for line in shown)


def for_code_span(text: object) -> str:
    """Member text as an inline code span: shown literally on one line and copied exactly as typed.

    For addresses and links a person may copy: a code span is never linked,
    and needs no joiners. The one rewrite Streamlit applies to its raw source
    (":material/" becomes ":material_") is prevented with a joiner.
    """
    # Invisible characters the member typed are dropped first: an address holds none, and
    # one left beside a space would make the visible text differ from what is copied.
    visible = "".join(c for c in strip_direction_controls(str(text)) if c not in _INVISIBLE)
    line = " ".join(visible.split()).replace(":material/", f":{WORD_JOINER}material/")
    if not line:
        return ""
    fence = "`" * (1 + max((len(run) for run in _BACKTICKS.findall(line)), default=0))
    pad = " " if line.startswith("`") or line.endswith("`") else ""
    return _isolated(f"{fence}{pad}{line}{pad}{fence}")


def for_cell(text: object) -> str:
    """Member text for a table cell (st.dataframe): cells show text literally, so only direction is fixed.

    A right-to-left override typed into a name would otherwise reverse the cell.
    """
    return strip_direction_controls(str(text))


def for_plain(text: object) -> str:
    """Member text for places Streamlit shows as plain text: only its reading direction is fixed."""
    text = str(text)
    if text.isascii():
        return text
    out: list[str] = []
    for line in strip_direction_controls(text).splitlines(keepends=True):
        body = line.splitlines()[0]  # the line without its ending
        out.append(_isolated(body) + line[len(body) :])
    return "".join(out)


def for_plotly(text: object) -> str:
    """Member text for a Plotly label (axis, category, legend, hover): its HTML dialect and TeX made inert."""
    escaped = _PLOTLY_SPECIAL.sub(lambda m: _PLOTLY_ENTITIES[m.group()], strip_direction_controls(str(text)))
    return _isolated(escaped)


def seen_in_markdown(markdown: str) -> str:
    """What a person reads once this module's output is rendered: the inverse used by tests and checks.

    Removes the escaping backslashes, the invisible joiners and isolates, and
    the fences of code spans (whose content is literal), and turns hard line
    breaks back into newlines.
    """
    text = markdown.replace("  \n", "\n")
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in _ASCII_PUNCTUATION:
            out.append(text[i + 1])
            i += 2
            continue
        if ch == "`":
            run = _BACKTICKS.match(text, i)
            fence = run.group() if run else ch  # text[i] is a backtick, so the run holds at least one
            end = _closing_fence(text, i + len(fence), fence)
            if end is not None:
                content = text[i + len(fence) : end]
                if len(content) > 2 and content[0] == content[-1] == " ":
                    content = content[1:-1]
                out.append("".join(c for c in content if c not in _INVISIBLE))
                i = end + len(fence)
                continue
            out.append(fence)
            i += len(fence)
            continue
        if ch not in _INVISIBLE:
            out.append(ch)
        i += 1
    return "".join(out)


def _closing_fence(text: str, start: int, fence: str) -> int | None:
    """Where a run of exactly as many backticks as `fence` closes a code span, if anywhere."""
    for run in _BACKTICKS.finditer(text, start):
        if run.group() == fence:
            return run.start()
    return None
