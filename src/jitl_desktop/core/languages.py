"""Languages: BCP 47 tags, the user's preferred languages and the fallback list.

One place decides which languages a user wants, for the windows' words (the UI
translation) and for content (which variant of an item to show, how to read a query).
The order is: the ``language`` setting when one is chosen, then the system's languages
(``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG`` as POSIX systems set them, or the
list Qt reports on Windows and macOS, passed in by the caller), each followed by its
base language (``de-CH`` → ``de``). English closes the UI's list, because every word of
the UI is written in English first; content falls back to an item's own default instead.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence

#: the language of the UI's source strings and of content that names none
DEFAULT = "en"

# language (2-3 letters: the 5-8 letter form is reserved and has no languages), optional
# extlang, script, region, variants, extensions and private use, as RFC 5646 section 2.1
# has them (case-insensitive)
_TAG = re.compile(
    r"""^(?P<lang>[a-z]{2,3}(?:-[a-z]{3}){0,3})
        (?:-(?P<script>[a-z]{4}))?
        (?:-(?P<region>[a-z]{2}|[0-9]{3}))?
        (?P<rest>(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*
                 (?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*
                 (?:-x(?:-[a-z0-9]{1,8})+)?)$""",
    re.IGNORECASE | re.VERBOSE,
)
# a POSIX locale name: de_DE.UTF-8@euro, pt_BR, C, POSIX
_POSIX = re.compile(r"^(?P<lang>[A-Za-z]{2,3})(?:_(?P<region>[A-Za-z]{2}|[0-9]{3}))?"
                    r"(?:\.[^@]*)?(?:@.*)?$")


def normalize(tag: str) -> str | None:
    """``tag`` as a well-formed BCP 47 tag in its usual case (``pt-br`` → ``pt-BR``,
    ``zh-hant-tw`` → ``zh-Hant-TW``), or None when it is not one. POSIX locale names
    (``de_DE.UTF-8``) are accepted too."""
    text = tag.strip()
    posix = _POSIX.match(text)
    if posix and ("_" in text or "." in text or "@" in text):
        text = posix["lang"] + (f"-{posix['region']}" if posix["region"] else "")
    match = _TAG.match(text)
    if not match:
        return None
    parts = [match["lang"].lower()]
    if match["script"]:
        parts.append(match["script"].title())
    if match["region"]:
        parts.append(match["region"].upper())
    if match["rest"]:
        parts.append(match["rest"].lstrip("-").lower())
    return "-".join(parts)


def check(tag: str) -> str:
    """A setting's check: ``""`` (follow the system) or a BCP 47 tag; ValueError if not."""
    if not tag.strip():
        return ""
    normal = normalize(tag)
    if normal is None:
        raise ValueError(f"expected a language tag such as \"de\" or \"pt-BR\", got {tag!r}")
    return normal


def base(tag: str) -> str:
    """The language subtag alone: ``de-CH`` → ``de``."""
    return tag.split("-", 1)[0].lower()


def system_languages(environ: Mapping[str, str] | None = None) -> list[str]:
    """The languages POSIX locale variables ask for, most wanted first (empty when they
    name none, or only ``C``/``POSIX``). ``LANGUAGE`` is a colon-separated list and is
    read only when a locale is set, as gettext does."""
    env = os.environ if environ is None else environ
    locale = next((env[k] for k in ("LC_ALL", "LC_MESSAGES", "LANG") if env.get(k)), "")
    names: list[str] = []
    if locale and locale not in ("C", "POSIX") and env.get("LANGUAGE"):
        names.extend(env["LANGUAGE"].split(":"))
    names.append(locale)
    found = (normalize(n) for n in names if n and n.split(".")[0] not in ("C", "POSIX"))
    return _unique(t for t in found if t)


def preferred(setting: str = "", system: Sequence[str] | None = None) -> list[str]:
    """The user's languages, most wanted first, each followed by its base language: the
    setting's (when set), then the system's (``system`` as Qt reports it, else the
    locale variables)."""
    chosen = [check(setting)] if setting.strip() else []
    found = [normalize(t) for t in (system if system is not None else system_languages())]
    out: list[str] = []
    for tag in [*chosen, *(t for t in found if t)]:
        out.extend((tag, base(tag)))
    return _unique(out)


def pick(wanted: Sequence[str], available: Iterable[str], default: str = DEFAULT) -> str:
    """The first of ``wanted`` that ``available`` has (exactly, then by base language),
    else ``default``: which translation to load, which variant of an item to show."""
    have = {normalize(a) or a: a for a in available}
    for tag in wanted:
        if tag in have:
            return have[tag]
        for normal, original in have.items():
            if base(normal) == base(tag):
                return original
    return default


def _unique(tags: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(tags))
