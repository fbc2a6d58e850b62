"""Email addresses and domains as sign-in compares them: exactly, not as they merely look.

Case-folding with `str.lower()` maps lookalikes such as the Kelvin sign
(U+212A) to "k", which would make a different address equal a configured one;
so only ASCII letters are folded and domains are compared in IDNA form.
"""

from __future__ import annotations

import re
import string

import idna

EMAIL_RE = re.compile(r"^[^@\s]+@([^@\s]+\.[^@\s]+)\Z")
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_ASCII_DOMAIN_RE = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)+")


def canonical_domain(text: str) -> str | None:
    """A domain in its IDNA (ASCII) form, or None when it is not a valid domain name.

    IDNA 2008 without UTS 46 mapping: a label holding a lookalike that would
    only turn into an ASCII letter by compatibility mapping is refused, not mapped.
    """
    domain = text.strip().translate(_ASCII_LOWER).rstrip(".")
    if not domain.isascii():
        try:
            domain = idna.encode(domain, uts46=False).decode("ascii")
        except idna.IDNAError:
            return None
    return domain if _ASCII_DOMAIN_RE.fullmatch(domain) else None


def canonical_email(text: str) -> str | None:
    """An address as compared for sign-in, or None when it is not one.

    The local part is compared exactly except for ASCII case; the domain in
    its IDNA form. So only the same address, written the same way, matches.
    """
    match = EMAIL_RE.match(text.strip())
    if not match:
        return None
    local = text.strip()[: match.start(1) - 1]
    domain = canonical_domain(match.group(1))
    if domain is None:
        return None
    return f"{local.translate(_ASCII_LOWER)}@{domain}"
