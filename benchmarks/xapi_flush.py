"""xAPI throughput: 10,000 queued statements flushed to a real Ralph LRS on loopback, and
what a full outbox costs the keystroke path.

    python benchmarks/xapi_flush.py [--statements 10000]

Makes (once) Ralph 5.1.0's own environment like the tests do (harness/lrs.py), starts it
with its filesystem backend, records searches into a history with an LRS configured
(each statement written in its record's transaction), then times one ``flush`` (the
code ``jitl-desktop xapi flush`` runs: batches of 50) and checks that the LRS has every
statement once. The keystroke path reads the user's marks from the history at each
keystroke (``UserState.marker``): timed with an empty outbox and with the full one.
Prints Markdown.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from harness.lrs import PASSWORD, USER, Ralph, ensure_venv  # noqa: E402
from jitl_desktop.core.history import History  # noqa: E402
from jitl_desktop.core.lrs import LrsClient, flush  # noqa: E402
from jitl_desktop.core.outbox import Outbox  # noqa: E402
from jitl_desktop.core.settings import BY_KEY  # noqa: E402
from jitl_desktop.core.xapi import Statements, XapiConfig  # noqa: E402


def marks_ms(history: History, rounds: int = 300) -> float:
    """Median milliseconds of what a keystroke reads from the history."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        history.bookmarks()
        history.done()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ralph = Ralph(ensure_venv(), Path(tmp) / "lrs")
        ralph.start()
        try:
            values = {"xapi_endpoint": ralph.endpoint, "xapi_username": USER,
                      "xapi_password": PASSWORD, "xapi_actor_salt": "a benchmark salt 123",
                      "xapi_outbox_limit": 10 * args.statements}
            config = XapiConfig.from_settings(lambda k: values.get(k, BY_KEY[k].default))
            assert config is not None
            data = Path(tmp) / "data"
            with History(data, statements=Statements(config, login="bench")) as history:
                history.set_bookmark("a/b", True)
                empty = marks_ms(history)
                started = time.perf_counter()
                for n in range(args.statements - 1):
                    history.record_search(f"query {n}", n % 7)
                recorded = time.perf_counter() - started
                full = marks_ms(history)
            with Outbox(data / "history.sqlite") as box:
                client = LrsClient(config)
                started = time.perf_counter()
                report = flush(box, client)
                seconds = time.perf_counter() - started
                status = box.status()
            ids = ralph.ids()
        finally:
            ralph.stop()
    assert report.error is None, report.error
    assert status["queued"] == 0 and len(ids) == len(set(ids)) == args.statements
    print(f"| statements | recorded (s) | flushed to Ralph (s) | per second | "
          f"marks read, empty outbox (ms) | marks read, full outbox (ms) |\n"
          f"| --- | --- | --- | --- | --- | --- |\n"
          f"| {args.statements:,} | {recorded:.1f} | {seconds:.1f} | "
          f"{args.statements / seconds:,.0f} | {empty:.3f} | {full:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
