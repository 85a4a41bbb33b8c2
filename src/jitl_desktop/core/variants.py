"""Language variants of files: ``vpn.de.md`` is ``vpn.md`` in German, ``talk.de.vtt`` the
German transcript of ``talk.vtt``.

A suffix counts as a language only when it is a well-formed BCP 47 tag whose language is
a known ISO 639-1 code (two letters) or one of the ISO 639-2 codes listed here (three
letters), so ``v1.2.md``, ``notes.final.md`` or ``notes.old.md`` are not translations.
"""

from __future__ import annotations

from pathlib import Path

from jitl_desktop.core import languages

#: ISO 639-1: every two-letter language code
_ISO_639_1 = """
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu
cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi
ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks
ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl
nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl
sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve
vi vo wa wo xh yi yo za zh zu
"""
ISO_639_1 = frozenset(_ISO_639_1.split())
#: ISO 639-2 (bibliographic and terminology codes) of widely written languages, and a
#: few languages that have no two-letter code
_ISO_639_2 = """
afr alb amh ara arm aze baq bel ben bos bul cat ces chi cym cze dan deu dut ell eng est
eus fao fas fin fra fre geo ger gla gle glg gre guj hau heb hin hrv hun hye ibo ice ind
isl ita jpn kan kat kaz khm kor lao lav lit ltz mac mal mar may mkd mlt mon msa nep nld
nno nob nor pan per pol por ron rum rus sin slk slo slv som spa sqi srp swa swe tam tel
tgl tha tur ukr urd uzb vie wel xho yor zho zul
ast ckb fil gsw haw ido yue
"""
ISO_639_2 = frozenset(_ISO_639_2.split())
#: codes that, as a file name's suffix, are far more often a domain than a language
#: (tldr's ``trunk.io.md`` beside ``trunk.md`` is another command): Ido is ``ido`` there
NOT_SUFFIXES = frozenset({"io"})


def known(tag: str) -> bool:
    """Whether ``tag`` (normalised) names a language this module knows by its code."""
    return languages.base(tag) in ISO_639_1 or languages.base(tag) in ISO_639_2


def split_suffix(name: str, extension: str) -> tuple[str, str] | None:
    """``("vpn.md", "de")`` for ``name`` ``"vpn.de.md"`` (``extension`` ``".md"``), the
    file it translates and its language; None when the name has no language suffix."""
    if name.count(".") < 2 or name.startswith(".") or not name.lower().endswith(extension):
        return None  # (the usual name, "git-commit.md", costs one count)
    stem = name[: -len(extension)]
    head, dot, suffix = stem.rpartition(".")
    if not dot or not head:
        return None
    tag = languages.normalize(suffix)
    if tag is None or "_" in suffix or not known(tag) or suffix.lower() in NOT_SUFFIXES:
        return None
    return head + name[-len(extension):], tag


def ui_translations(folder: Path) -> list[str]:
    """The languages the windows can be shown in: English, the language their words are
    written in, and each translation in ``folder`` (``jitl_<tag>.qm``)."""
    found = [languages.normalize(f.stem.removeprefix("jitl_").replace("_", "-"))
             for f in sorted(folder.glob("jitl_*.qm"))]
    return list(dict.fromkeys([languages.DEFAULT, *(t for t in found if t)]))
