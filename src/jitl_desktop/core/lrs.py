"""Sending the outbox to the organisation's LRS (xAPI 1.0.3 ``POST statements``).

One HTTP client (urllib3): HTTPS verified against the system's certificate store or
the configured bundle, connect and read time-outs, network errors, 429 and 5xx
retried with exponential back-off and jitter (``Retry-After`` honoured, up to
:data:`MAX_RETRY_AFTER`), redirects to another host refused.

:func:`flush` sends what is queued in batches of up to 50: a 400 (or 409, or 413) on
a batch splits it until the statement the LRS refuses is alone; that one is set aside
with the LRS's answer and the rest go on. Re-posting a statement the LRS already has
is success. 401 and 403 stop at once: the credentials or the endpoint are wrong
(:class:`LrsConfigError`), and retrying would not help.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.util import Retry, Timeout

from jitl_desktop import __version__
from jitl_desktop.core.outbox import BATCH, Claimed, Outbox
from jitl_desktop.core.xapi import XAPI_VERSION, XapiConfig
from jitl_desktop.errors import JitlError

log = logging.getLogger(__name__)

#: a ``Retry-After`` longer than this (seconds) is cut to it within one flush
MAX_RETRY_AFTER = 60.0
#: the LRS's answer kept with a statement it refused, in characters
ANSWER_CHARS = 2000


class LrsError(JitlError):
    """The LRS could not be reached or failed (worth trying again later)."""


class LrsConfigError(LrsError):
    """The LRS refuses these credentials or this address: fix the policy; trying again
    does not help."""


class _Retry(Retry):
    """urllib3's retries, with ``Retry-After`` cut to :data:`MAX_RETRY_AFTER`."""

    def get_retry_after(self, response: Any) -> float | None:
        after = super().get_retry_after(response)
        return None if after is None else min(after, MAX_RETRY_AFTER)


@dataclass(frozen=True)
class Answer:
    status: int
    text: str


class LrsClient:
    """Posts statements to one LRS."""

    def __init__(self, config: XapiConfig, *, timeout: float = 15.0, retries: int = 3,
                 backoff: float = 0.5) -> None:
        self.config = config
        self.url = urljoin(config.endpoint, "statements")
        retry = _Retry(total=retries, connect=retries, read=retries, status=retries,
                       other=0, redirect=False, backoff_factor=backoff,
                       backoff_jitter=backoff, backoff_max=30.0,
                       status_forcelist=(429, 500, 502, 503, 504), allowed_methods=None,
                       respect_retry_after_header=True, raise_on_status=False)
        self.pool = urllib3.PoolManager(
            retries=retry, timeout=Timeout(connect=min(timeout, 10.0), read=timeout),
            cert_reqs="CERT_REQUIRED", ca_certs=config.ca_bundle or None)
        self.headers = urllib3.make_headers(
            basic_auth=f"{config.username}:{config.password}" if config.username else None,
            user_agent=f"jitl-desktop/{__version__}")
        self.headers.update({"X-Experience-API-Version": XAPI_VERSION,
                             "Content-Type": "application/json"})

    def close(self) -> None:
        self.pool.clear()

    def post(self, bodies: list[str]) -> Answer:
        """POST the statements (JSON texts) as one batch; the LRS's answer. LrsError when
        it cannot be reached (after the retries) or answers with a redirect elsewhere."""
        data = ("[" + ",".join(bodies) + "]").encode("utf-8")
        url = self.url
        for _hop in range(3):
            try:
                response = self.pool.request("POST", url, body=data, headers=self.headers,
                                             redirect=False)
            except urllib3.exceptions.HTTPError as exc:
                raise LrsError(f"cannot reach the LRS at {self.config.endpoint}: "
                               f"{_reason(exc)}") from exc
            if response.status not in (301, 302, 303, 307, 308):
                return Answer(response.status, response.data.decode("utf-8", "replace"))
            url = self._follow(url, response.headers.get("Location", ""))
        raise LrsError(f"the LRS at {self.config.endpoint} redirects too often")

    def _follow(self, url: str, location: str) -> str:
        target = urljoin(url, location)
        if _origin(target) != _origin(url):
            raise LrsConfigError(f"the LRS at {self.config.endpoint} redirects to another "
                                 f"host ({_origin(target)}); not followed: correct "
                                 "xapi_endpoint")
        return target


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}:{parts.port or ''}"


def _reason(exc: Exception) -> str:
    reason = getattr(exc, "reason", None)
    return str(reason or exc)


@dataclass
class FlushReport:
    """How a flush went."""

    sent: int = 0
    rejected: list[dict[str, str]] = field(default_factory=list)
    error: str | None = None
    config_problem: bool = False


def flush(outbox: Outbox, client: LrsClient, *, deadline: float | None = None,
          stop: Callable[[], bool] = lambda: False) -> FlushReport:
    """Send what is queued, batch by batch, until nothing is left for this sender,
    ``deadline`` (a ``time.monotonic()``) passes, ``stop()`` says so, or the LRS fails
    (``error`` says why; the batch stays queued)."""
    report = FlushReport()
    while not stop() and (deadline is None or time.monotonic() < deadline):
        batch = outbox.claim(BATCH)
        if not batch:
            if outbox.held_by_others() == 0 or deadline is None:
                break
            time.sleep(0.2)  # another sender is on them: see how it ends
            continue
        try:
            _send(outbox, client, batch, report)
        except LrsError as exc:
            outbox.release([c.id for c in batch], str(exc))
            report.error = str(exc)
            report.config_problem = isinstance(exc, LrsConfigError)
            log.warning("xAPI: %s", exc)
            break
    return report


def _send(outbox: Outbox, client: LrsClient, batch: list[Claimed],
          report: FlushReport) -> None:
    """Post ``batch``; a refused batch is split until the refused statement is alone."""
    answer = client.post([c.body for c in batch])
    if 200 <= answer.status < 300:
        outbox.sent([c.id for c in batch])
        report.sent += len(batch)
        return
    if answer.status in (401, 403):
        raise LrsConfigError(f"the LRS at {client.config.endpoint} refuses the "
                             f"credentials (HTTP {answer.status}): check xapi_username and "
                             "xapi_password")
    if answer.status == 409 and len(batch) == 1:  # it has a statement with this id
        outbox.sent([batch[0].id])
        report.sent += 1
        return
    if answer.status in (400, 409, 413, 422):
        if len(batch) == 1:
            text = f"HTTP {answer.status}: {answer.text[:ANSWER_CHARS]}"
            outbox.rejected(batch[0].id, text)
            report.rejected.append({"id": batch[0].id, "answer": text})
            log.warning("xAPI: the LRS refused statement %s (%s)", batch[0].id, text[:200])
            return
        half = len(batch) // 2
        for part in (batch[:half], batch[half:]):
            _send(outbox, client, part, report)
        return
    if answer.status in (404, 405):
        raise LrsConfigError(f"{client.url} is not an xAPI statements resource "
                             f"(HTTP {answer.status}): check xapi_endpoint")
    raise LrsError(f"the LRS at {client.config.endpoint} answered HTTP {answer.status}: "
                   f"{_short(answer.text)}")


def _short(text: str) -> str:
    try:
        value = json.loads(text)
    except ValueError:
        return text[:200]
    return json.dumps(value)[:200]
