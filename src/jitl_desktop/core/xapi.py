"""Learning records for the organisation: xAPI 1.0.3 statements (the profile is written
down in docs/XAPI.md, with every IRI).

:class:`XapiConfig` is what the machine policy says (``xapi_*`` settings), checked;
:class:`Statements` turns what the history records (a view, a search, a mark, a quiz
answer, a moment of a video) into one statement. The history calls it inside the
transaction that writes the record, so a statement exists exactly when its record
does (:mod:`jitl_desktop.core.outbox` keeps it until it is sent).

Privacy: the actor is an ``account`` whose name is a keyed hash (HMAC-SHA256 with the
organisation's ``xapi_actor_salt``) of the login name; window titles are never sent;
the words searched for are sent in full, as a keyed hash or not at all, as the policy
says.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import hmac
import ipaddress
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from jitl_desktop import __version__

XAPI_VERSION = "1.0.3"
PLATFORM = f"JITL Desktop {__version__}"

_ADL = "http://adlnet.gov/expapi/verbs/"
_VIDEO = "https://w3id.org/xapi/video"
#: the verb of each kind of statement (English display names are in :data:`VERB_NAMES`)
VERBS = {
    "searched": "https://w3id.org/xapi/acrossx/verbs/searched",
    "experienced": _ADL + "experienced",
    "rated": "http://id.tincanapi.com/verb/rated",
    "commented": _ADL + "commented",
    "completed": _ADL + "completed",
    "answered": _ADL + "answered",
    "bookmarked": "http://id.tincanapi.com/verb/bookmarked",
    # taking a bookmark away, un-marking done: the mark's statement is voided (xAPI 1.0.3
    # 2.3.2; ADL's "completed": "to 'incomplete' an activity, void the statement")
    "voided": _ADL + "voided",
    # the xAPI Video Profile
    "initialized": _ADL + "initialized",
    "played": _VIDEO + "/verbs/played",
    "paused": _VIDEO + "/verbs/paused",
    "seeked": _VIDEO + "/verbs/seeked",
    "terminated": _ADL + "terminated",
}
VERB_NAMES = {name: name for name in VERBS}
#: the video moments a player reports (:meth:`Statements.build` event ``media``)
VIDEO_VERBS = ("initialized", "played", "paused", "seeked", "completed", "terminated")
ACTIVITY_TYPES = {
    "document": "http://id.tincanapi.com/activitytype/document",
    "video": _VIDEO + "/activity-type/video",
    "assessment": "http://adlnet.gov/expapi/activities/assessment",
    "question": "http://adlnet.gov/expapi/activities/cmi.interaction",
    "topic": "http://id.tincanapi.com/activitytype/category",
    "search": "http://activitystrea.ms/schema/1.0/application",
}
#: the extensions of the Video Profile used here
VIDEO_EXTENSIONS = {name: f"{_VIDEO}/extensions/{name}" for name in
                    ("time", "time-from", "time-to", "progress", "session-id", "length")}
#: this profile's own extensions, named under the organisation's activity IRI base
OWN_EXTENSIONS = ("query", "query-hash", "results", "no-good-match", "chosen", "app",
                  "helpful", "problem")
#: the problems a user may report with an item (extension ``problem`` of ``commented``)
PROBLEM_KINDS = ("outdated", "wrong", "missing-step")


class XapiConfigError(ValueError):
    """The xAPI policy cannot be used as it is (the message says which key and why)."""


@dataclass(frozen=True)
class XapiConfig:
    """The organisation's LRS and the choices about what its records carry."""

    endpoint: str
    username: str
    password: str
    activity_base: str
    salt: str
    home_page: str
    queries: str
    ca_bundle: str
    outbox_limit: int

    @classmethod
    def from_settings(cls, get: Callable[[str], Any]) -> XapiConfig | None:
        """The configuration the ``xapi_*`` settings give (``get`` reads one), None when
        no endpoint is set (nothing is recorded for an LRS then), XapiConfigError when
        it is set but unusable."""
        endpoint = str(get("xapi_endpoint") or "")
        if not endpoint:
            return None
        endpoint = _check_url("xapi_endpoint", endpoint, allow_http_loopback=True)
        if not endpoint.endswith("/"):
            endpoint += "/"
        salt = str(get("xapi_actor_salt") or "")
        if len(salt) < 16:
            raise XapiConfigError(
                "xapi_actor_salt must be set (16 characters or more) when xapi_endpoint is: "
                "without it the actor's name could be reversed")
        base = str(get("xapi_activity_base") or "") or _default_base(endpoint)
        base = _check_url("xapi_activity_base", base, allow_http_loopback=False,
                          allow_http=True)
        if not base.endswith("/"):
            base += "/"
        home = str(get("xapi_actor_home_page") or "") or base
        home = _check_url("xapi_actor_home_page", home, allow_http_loopback=False,
                          allow_http=True)
        bundle = str(get("xapi_ca_bundle") or "")
        if bundle and not os.path.isfile(bundle):
            raise XapiConfigError(f"xapi_ca_bundle: {bundle} is not a file")
        return cls(endpoint=endpoint, username=str(get("xapi_username") or ""),
                   password=str(get("xapi_password") or ""), activity_base=base,
                   salt=salt, home_page=home, queries=str(get("xapi_queries") or "hashed"),
                   ca_bundle=bundle, outbox_limit=int(get("xapi_outbox_limit")))

    def __repr__(self) -> str:  # never the password nor the salt, in any log
        return f"XapiConfig(endpoint={self.endpoint!r}, username={self.username!r})"


def status_of(config: XapiConfig | None, problem: str | None,
              counts: dict[str, Any] | None) -> dict[str, Any]:
    """The ``xapi`` object of ``status --json`` and ``xapi status --json``."""
    base: dict[str, Any] = {"configured": config is not None,
                            "endpoint": config.endpoint if config else None,
                            "queued": 0, "sent": 0, "rejected": 0, "dropped": 0,
                            "last_error": None, "last_sent_at": None}
    base.update(counts or {})
    if problem:
        base["last_error"] = problem
    base["problem"] = problem
    return base


def load_config(get: Callable[[str], Any]) -> tuple[XapiConfig | None, str | None]:
    """The configuration and, when the policy cannot be used, why."""
    try:
        return XapiConfig.from_settings(get), None
    except XapiConfigError as exc:
        return None, f"xAPI policy not used: {exc}"


def _default_base(endpoint: str) -> str:
    parts = urlsplit(endpoint)
    return f"{parts.scheme}://{parts.netloc}/jitl/"


def _check_url(key: str, value: str, *, allow_http_loopback: bool,
               allow_http: bool = False) -> str:
    """``value`` if it is an absolute http(s) URL fit for ``key``, else XapiConfigError."""
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise XapiConfigError(f"{key}: {value!r} is not an absolute https:// URL")
    if parts.scheme == "http" and not allow_http and not (
            allow_http_loopback and _loopback(parts.hostname)):
        raise XapiConfigError(f"{key}: {value!r} must use https:// (plain http is only "
                              "accepted for an LRS on this machine)")
    if parts.username or parts.password:
        raise XapiConfigError(f"{key}: put the credentials in xapi_username and "
                              "xapi_password, not in the URL")
    return value


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def keyed_hash(salt: str, text: str) -> str:
    """A keyed hash of ``text`` (HMAC-SHA256, 32 hex digits): stable, not reversible
    without the salt."""
    return hmac.new(salt.encode("utf-8"), text.encode("utf-8"), hashlib.sha256
                    ).hexdigest()[:32]


def iso(at: float) -> str:
    """``at`` (a POSIX time) as an xAPI timestamp, UTC with its offset."""
    return dt.datetime.fromtimestamp(at, dt.timezone.utc).isoformat(timespec="milliseconds")


def duration(seconds: float) -> str:
    """ISO 8601 duration, to the hundredth of a second (what xAPI keeps)."""
    return f"PT{max(0.0, seconds):.2f}S"


@dataclass(frozen=True)
class ItemFacts:
    """What a statement says about an item besides its id."""

    title: str = ""
    kind: str = ""
    lang: str = ""


class Statements:
    """Builds the statements of one user for one organisation (see docs/XAPI.md).

    ``describe`` gives an item's title, kind and language (None for an item the index
    does not know now); ``built`` is called after each statement (the sender wakes)."""

    def __init__(self, config: XapiConfig, *, login: str | None = None,
                 describe: Callable[[str], ItemFacts | None] = lambda _id: None,
                 language: str = "en", built: Callable[[], None] = lambda: None) -> None:
        self.config = config
        self.describe = describe
        self.language = language
        self.built = built
        name = (login or getpass.getuser()).strip().lower()
        self.actor = {"objectType": "Agent", "account": {
            "homePage": config.home_page, "name": keyed_hash(config.salt, name)}}

    @property
    def outbox_limit(self) -> int:
        return self.config.outbox_limit

    # --- the parts --------------------------------------------------------------------

    def ext(self, name: str) -> str:
        """The IRI of this profile's extension ``name``."""
        return f"{self.config.activity_base}extensions/{name}"

    def activity_id(self, item_id: str) -> str:
        return self.config.activity_base + "items/" + quote(item_id, safe="/-_.~")

    def item(self, item_id: str, facts: ItemFacts | None) -> dict[str, Any]:
        kind = facts.kind if facts else ""
        definition: dict[str, Any] = {"type": ACTIVITY_TYPES[
            "video" if kind == "video" else "assessment" if kind == "quiz" else "document"]}
        if facts and facts.title:
            definition["name"] = {facts.lang or self.language: facts.title}
        return {"objectType": "Activity", "id": self.activity_id(item_id),
                "definition": definition}

    def topic(self, item_id: str) -> dict[str, Any] | None:
        if "/" not in item_id:
            return None
        name = item_id.split("/", 1)[0]
        return {"objectType": "Activity",
                "id": self.config.activity_base + "topics/" + quote(name, safe="-_.~"),
                "definition": {"type": ACTIVITY_TYPES["topic"], "name": {"en": name}}}

    def context(self, item_id: str | None = None, facts: ItemFacts | None = None,
                extensions: dict[str, Any] | None = None,
                category: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        context: dict[str, Any] = {"platform": PLATFORM,
                                   "language": (facts.lang if facts else "") or self.language}
        activities: dict[str, Any] = {}
        if item_id is not None and (topic := self.topic(item_id)) is not None:
            activities["grouping"] = [topic]
        if category:
            activities["category"] = category
        if activities:
            context["contextActivities"] = activities
        if extensions:
            context["extensions"] = extensions
        return context

    def statement(self, verb: str, obj: dict[str, Any], at: float,
                  context: dict[str, Any] | None, result: dict[str, Any] | None = None
                  ) -> dict[str, Any]:
        statement: dict[str, Any] = {
            "id": str(uuid.uuid4()), "actor": self.actor,
            "verb": {"id": VERBS[verb], "display": {"en-US": VERB_NAMES[verb]}},
            "object": obj, "timestamp": iso(at), "version": XAPI_VERSION}
        if context:
            statement["context"] = context
        if result:
            statement["result"] = result
        return statement

    # --- one per record ----------------------------------------------------------------

    def build(self, event: str, facts: dict[str, Any]) -> dict[str, Any] | None:
        """The statement for a record the history is writing (None: this record has
        none, such as taking a bookmark away)."""
        make = getattr(self, f"on_{event}", None)
        if make is None:
            raise ValueError(f"no statement for the record {event!r}")
        statement: dict[str, Any] | None = make(**facts)
        if statement is not None:
            self.built()
        return statement

    def on_search(self, *, query: str, results: int, chosen: str | None, app: str | None,
                  at: float, no_good_match: bool | None = None) -> dict[str, Any]:
        ext: dict[str, Any] = {self.ext("results"): results,
                               self.ext("no-good-match"): bool(
                                   results == 0 if no_good_match is None else no_good_match)}
        if self.config.queries == "full":
            ext[self.ext("query")] = query
        elif self.config.queries == "hashed":
            ext[self.ext("query-hash")] = keyed_hash(self.config.salt,
                                                     " ".join(query.lower().split()))
        if chosen:
            ext[self.ext("chosen")] = self.activity_id(chosen)
        search = {"objectType": "Activity", "id": self.config.activity_base + "search",
                  "definition": {"type": ACTIVITY_TYPES["search"],
                                 "name": {"en": "JITL Desktop search"}}}
        context_ext = {self.ext("app"): app} if app else None
        return self.statement("searched", search, at, self.context(extensions=context_ext),
                              {"extensions": ext})

    def on_view(self, *, item_id: str, at: float, seconds: float | None = None,
                app: str | None = None) -> dict[str, Any]:
        """A view that ended: ``at`` when the item was opened, ``seconds`` in view."""
        facts = self.describe(item_id)
        result = {"duration": duration(seconds)} if seconds is not None else None
        context_ext = {self.ext("app"): app} if app else None
        return self.statement("experienced", self.item(item_id, facts), at,
                              self.context(item_id, facts, context_ext), result)

    def on_vote(self, *, item_id: str, helpful: bool, at: float,
                comment: str | None = None) -> dict[str, Any]:
        facts = self.describe(item_id)
        result: dict[str, Any] = {"score": {"raw": int(helpful), "min": 0, "max": 1},
                                  "extensions": {self.ext("helpful"): helpful}}
        if comment:
            result["response"] = comment
        return self.statement("rated", self.item(item_id, facts), at,
                              self.context(item_id, facts), result)

    def on_comment(self, *, item_id: str, comment: str, at: float,
                   helpful: bool | None = None) -> dict[str, Any] | None:
        if not comment.strip():
            return None
        facts = self.describe(item_id)
        result: dict[str, Any] = {"response": comment.strip()}
        if helpful is not None:
            result["extensions"] = {self.ext("helpful"): helpful}
        return self.statement("commented", self.item(item_id, facts), at,
                              self.context(item_id, facts), result)

    def on_problem(self, *, item_id: str, kind: str, at: float,
                   comment: str | None = None) -> dict[str, Any]:
        """A problem reported with an item: ``commented``, extension ``problem``."""
        if kind not in PROBLEM_KINDS:
            raise ValueError(f"no such problem {kind!r}")
        facts = self.describe(item_id)
        result: dict[str, Any] = {"extensions": {self.ext("problem"): kind}}
        if comment and comment.strip():
            result["response"] = comment.strip()
        return self.statement("commented", self.item(item_id, facts), at,
                              self.context(item_id, facts), result)

    def on_mark(self, *, table: str, item_id: str, on: bool, at: float,
                voids: str | None = None) -> dict[str, Any] | None:
        """``bookmarked`` / ``completed``; a mark taken away voids the statement that
        said it (``voids``: its id; None when there was none: nothing to take back)."""
        if not on:
            if not voids:
                return None
            return self.statement("voided", {"objectType": "StatementRef", "id": voids}, at,
                                  None)
        facts = self.describe(item_id)
        verb = "bookmarked" if table == "bookmarks" else "completed"
        result = {"completion": True} if verb == "completed" else None
        return self.statement(verb, self.item(item_id, facts), at,
                              self.context(item_id, facts), result)

    def on_answer(self, *, item_id: str, question: int, correct: bool, at: float,
                  response: str | None = None) -> dict[str, Any]:
        facts = self.describe(item_id)
        parent = self.item(item_id, facts)
        name = f"{facts.title}, question {question + 1}" if facts and facts.title else \
            f"question {question + 1}"
        obj = {"objectType": "Activity", "id": f"{parent['id']}#question-{question + 1}",
               "definition": {"type": ACTIVITY_TYPES["question"],
                              "interactionType": "other",
                              "name": {(facts.lang if facts else "") or self.language: name}}}
        result: dict[str, Any] = {"success": correct,
                                  "score": {"raw": int(correct), "min": 0, "max": 1,
                                            "scaled": float(correct)}}
        if response is not None:
            result["response"] = response
        context = self.context(item_id, facts)
        context.setdefault("contextActivities", {})["parent"] = [parent]
        return self.statement("answered", obj, at, context, result)

    def on_media(self, *, item_id: str, verb: str, position: float, at: float, session: str,
                 progress: float | None = None, length: float | None = None,
                 position_from: float | None = None) -> dict[str, Any]:
        if verb not in VIDEO_VERBS:
            raise ValueError(f"no video statement for {verb!r}")
        facts = self.describe(item_id) or ItemFacts(kind="video")
        video = self.item(item_id, ItemFacts(facts.title, "video", facts.lang))
        ext: dict[str, Any] = {}
        if verb == "seeked":
            ext[VIDEO_EXTENSIONS["time-from"]] = round(position_from or 0.0, 3)
            ext[VIDEO_EXTENSIONS["time-to"]] = round(position, 3)
        elif verb != "initialized":
            ext[VIDEO_EXTENSIONS["time"]] = round(position, 3)
        if progress is not None and verb in ("paused", "completed", "terminated"):
            ext[VIDEO_EXTENSIONS["progress"]] = round(min(max(progress, 0.0), 1.0), 3)
        context_ext: dict[str, Any] = {VIDEO_EXTENSIONS["session-id"]: session}
        if length is not None and verb == "initialized":
            context_ext[VIDEO_EXTENSIONS["length"]] = round(length, 3)
        category = [{"objectType": "Activity", "id": _VIDEO,
                     "definition": {"type": "http://adlnet.gov/expapi/activities/profile"}}]
        result: dict[str, Any] | None = {"extensions": ext} if ext else None
        if verb == "completed" and result is not None:
            result["completion"] = True
        return self.statement(verb, video, at,
                              self.context(item_id, facts, context_ext, category), result)
