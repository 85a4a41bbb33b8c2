"""The insights report as one self-contained HTML file: no external request (a
Content-Security-Policy forbids them), charts as inline SVG drawn by matplotlib (Agg,
SVG output; text in the page's colour so light and dark themes both read), tables
sortable by a few lines of inline script, printable."""

from __future__ import annotations

import html
import io
import json
from collections.abc import Callable, Sequence
from typing import Any

from jitl_desktop.errors import JitlError

#: the colour charts draw text and axes in, replaced by the page's own colour
_INK = "#010203"
_BAR = "#3b82c4"
#: rows of a table shown in the page (the CSV and JSON have them all)
MAX_ROWS = 500
_BAR2 = "#e08a2c"

CSS = """
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1d232b; --dim: #5b6673;
  --line: #d6dbe1; --head: #f1f4f7; --accent: #2864a8; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #15191e; --fg: #e4e8ec; --dim: #9aa6b2; --line: #39424c; --head: #20262d;
    --accent: #7fb2ea; } }
body { background: var(--bg); color: var(--fg); margin: 2rem auto; max-width: 72rem;
  padding: 0 1rem; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
h1 { margin-bottom: .2rem; } h2 { margin-top: 2.4rem; border-bottom: 1px solid var(--line); }
p.lead, p.why, .note { color: var(--dim); }
.cards { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1.2rem 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: .7rem 1.1rem;
  min-width: 9rem; }
.card b { display: block; font-size: 1.6rem; color: var(--accent); }
figure.chart { margin: 1rem 0; color: var(--fg); }
figure.chart svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: 14px; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
th { background: var(--head); cursor: pointer; user-select: none; white-space: nowrap; }
th[aria-sort="ascending"]::after { content: " ▲"; }
th[aria-sort="descending"]::after { content: " ▼"; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
@media print { body { margin: 0; max-width: none; } th { cursor: auto; }
  h2 { break-after: avoid; } figure.chart, tr { break-inside: avoid; } }
"""

SCRIPT = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("th").forEach(function (th, col) {
    th.addEventListener("click", function () {
      var down = th.getAttribute("aria-sort") !== "descending";
      table.querySelectorAll("th").forEach(function (o) { o.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", down ? "descending" : "ascending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute("data-v"), y = b.cells[col].getAttribute("data-v");
        var nx = parseFloat(x), ny = parseFloat(y), r;
        if (!isNaN(nx) && !isNaN(ny)) { r = nx - ny; } else { r = x.localeCompare(y); }
        return down ? -r : r;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
"""

#: (section title, JSON key, why it is there, columns: (heading, key, format))
Column = tuple[str, str, str]
SECTIONS: list[tuple[str, str, str, list[Column]]] = [
    ("Content gaps", "content_gaps",
     "Searches that found nothing, or nothing good, grouped by meaning. Write or retitle "
     "an item for the top rows; the closest item may only need the words people use.",
     [("query", "query", "s"), ("variants", "variants", "n"), ("searches", "searches", "n"),
      ("people", "people", "n"), ("first seen", "first_seen", "d"),
      ("last seen", "last_seen", "d"), ("closest item", "closest_title", "s")]),
    ("Top searches", "top_searches",
     "What people look for most, and how often a search led to an item being opened.",
     [("query", "query", "s"), ("searches", "searches", "n"), ("people", "people", "n"),
      ("answered", "answered_rate", "%"), ("nothing found", "no_match_rate", "%")]),
    ("Items", "items",
     "Every item by views, with the median time in view, helpful votes, the people who "
     "marked it done and what people wrote. Items with no views may be hard to find or "
     "not needed; many 'not helpful' votes call for a rewrite.",
     [("item", "title", "s"), ("id", "item", "s"), ("owner", "owner", "s"),
      ("views", "views", "n"), ("people", "people", "n"),
      ("median s in view", "median_seconds", "n"), ("done", "done", "n"),
      ("helpful", "helpful", "n"),
      ("not helpful", "unhelpful", "n"), ("helpful rate", "helpful_rate", "%"),
      ("problems", "problems", "n"), ("comments", "comments", "c")]),
    ("Reported problems, by owner", "problems",
     "What people reported as outdated, wrong or missing a step: each owner's to-do list.",
     [("owner", "owner", "s"), ("item", "title", "s"), ("reports", "reports", "n"),
      ("outdated", "outdated", "n"), ("wrong", "wrong", "n"),
      ("missing step", "missing-step", "n"), ("comments", "comments", "l")]),
    ("Stale and overdue items", "stale",
     "Items past their review date, expired or expiring soon, most viewed first: review "
     "these before anything else.",
     [("item", "title", "s"), ("owner", "owner", "s"), ("status", "status", "s"),
      ("reviewed", "reviewed", "d"), ("review due", "review_due", "d"),
      ("expires", "expires", "d"), ("views", "views", "n")]),
    ("Coverage by application", "coverage",
     "The applications people search from, and how many items are made for each: an "
     "application with many searches, many misses and few items needs content.",
     [("application", "app", "s"), ("searches", "searches", "n"), ("people", "people", "n"),
      ("nothing found", "no_match_rate", "%"), ("answered", "answered_rate", "%"),
      ("items for it", "items_for_it", "n")]),
    ("Quiz results", "quizzes",
     "Each question's share of right answers and the wrong answers people chose: a "
     "question most get wrong points at an unclear item (or an unclear question).",
     [("quiz", "title", "s"), ("question", "question", "n"), ("text", "text", "s"),
      ("answers", "answers", "n"), ("right", "right_rate", "%"),
      ("wrong answers chosen", "wrong_answers", "w")]),
    ("Adoption per week", "adoption",
     "People, searches and views each week (people hidden in a week with too few).",
     [("week", "week", "s"), ("people", "people", "n"), ("searches", "searches", "n"),
      ("views", "views", "n")]),
]


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError as exc:
        raise JitlError("the HTML report needs matplotlib: pip install "
                        "'jitl-desktop[insights]' (or apt-get install python3-matplotlib)"
                        ) from exc
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    matplotlib.rcParams.update({
        "svg.fonttype": "none", "svg.hashsalt": "jitl-insights",
        "font.family": "sans-serif", "font.size": 10,
        "text.color": _INK, "axes.labelcolor": _INK, "axes.edgecolor": _INK,
        "xtick.color": _INK, "ytick.color": _INK, "axes.spines.top": False,
        "axes.spines.right": False, "legend.frameon": False})
    return plt


def _svg(plt: Any, draw: Callable[[Any], None], height: float) -> str:
    fig, ax = plt.subplots(figsize=(9, height))
    try:
        draw(ax)
        fig.tight_layout()
        out = io.StringIO()
        fig.savefig(out, format="svg", transparent=True, metadata={"Date": None})
    finally:
        plt.close(fig)
    text = str(out.getvalue())
    text = text[text.index("<svg"):]
    return text.replace(_INK, "currentColor")


def _short(value: Any, width: int = 40) -> str:
    text = str(value or "")
    return text if len(text) <= width else text[:width - 1] + "…"


def charts(report: dict[str, Any]) -> dict[str, str]:
    """Section key → an inline SVG chart."""
    plt = _pyplot()
    made: dict[str, str] = {}

    def barh(key: str, label: str, value: str, rows: Sequence[dict[str, Any]],
             xlabel: str, *, percent: bool = False) -> None:
        rows = [r for r in rows if r.get(value) is not None][:12]
        if not rows:
            return

        def draw(ax: Any) -> None:
            names = [_short(r.get(label) or r.get("item")) for r in rows][::-1]
            values = [float(r[value]) * (100 if percent else 1) for r in rows][::-1]
            ax.barh(names, values, color=_BAR)
            ax.set_xlabel(xlabel)
            if percent:
                ax.set_xlim(0, 100)

        made[key] = _svg(plt, draw, 0.8 + 0.32 * len(rows))

    barh("content_gaps", "query", "people", report["content_gaps"],
         "people who found nothing")
    barh("top_searches", "query", "answered_rate", report["top_searches"],
         "% of searches that led to an item", percent=True)
    barh("items", "title", "views", [r for r in report["items"] if r["views"]], "views")
    barh("coverage", "app", "no_match_rate", report["coverage"],
         "% of searches that found nothing", percent=True)
    barh("quizzes", "title", "right_rate", [
        {**r, "title": f"{_short(r['title'], 30)} · q{r['question']}"}
        for r in report["quizzes"] if r["question"]], "% right", percent=True)
    weeks = report["adoption"]
    if weeks:
        def draw(ax: Any) -> None:
            names = [w["week"] for w in weeks]
            ax.plot(names, [w["searches"] for w in weeks], marker="o", color=_BAR,
                    label="searches")
            ax.plot(names, [w["views"] for w in weeks], marker="s", color=_BAR2,
                    label="views")
            ax.set_ylim(bottom=0)
            ax.legend()
            ax.tick_params(axis="x", labelrotation=45)

        made["adoption"] = _svg(plt, draw, 3.2)
    return made


def _cell(value: Any, kind: str) -> str:
    if kind == "%":
        shown = "—" if value is None else f"{value:.0%}"
        sort = "-1" if value is None else str(value)
    elif kind == "n":
        shown = "—" if value is None else f"{value:,}" if isinstance(value, int) else \
            str(value)
        sort = "-1" if value is None else str(value)
    elif kind == "d":
        shown = sort = str(value or "")[:10]
    elif kind == "c":
        shown = "<br>".join(
            f"{'✓' if c['helpful'] else '✗' if c['helpful'] is False else '·'} "
            f"{html.escape(c['text'])}" for c in value or [])
        return f"<td data-v=\"{len(value or [])}\">{shown}</td>"
    elif kind == "l":
        return ("<td data-v=\"\">" + "<br>".join(html.escape(str(c)) for c in value or [])
                + "</td>")
    elif kind == "w":
        text = ", ".join(f"{w['answer']} ×{w['times']}" for w in value or [])
        return f"<td data-v=\"{html.escape(text)}\">{html.escape(text)}</td>"
    else:
        shown = sort = str(value if value is not None else "")
    klass = " class=\"n\"" if kind in ("%", "n") else ""
    return f"<td{klass} data-v=\"{html.escape(sort)}\">{html.escape(shown)}</td>"


def _table(rows: list[dict[str, Any]], columns: list[Column]) -> str:
    if not rows:
        return "<p class=\"note\">Nothing here for this period.</p>"
    more = ""
    if len(rows) > MAX_ROWS:
        more = (f"<p class=\"note\">The first {MAX_ROWS:,} of {len(rows):,} rows; all of "
                "them are in the CSV and JSON output.</p>")
        rows = rows[:MAX_ROWS]
    head = "".join(f"<th scope=\"col\">{html.escape(h)}</th>" for h, _k, _f in columns)
    body = "\n".join("<tr>" + "".join(_cell(row.get(k), f) for _h, k, f in columns) +
                     "</tr>" for row in rows)
    return (f"<table class=\"sortable\"><thead><tr>{head}</tr></thead>\n"
            f"<tbody>\n{body}\n</tbody></table>{more}")


def render(report: dict[str, Any], *, title: str = "JITL Desktop insights") -> str:
    """The whole page."""
    made = charts(report)
    head = report["headline"]
    period = " to ".join(p for p in (head.get("since"), head.get("until")) if p) or \
        "all records"
    cards = [("searches", f"{head['searches']:,}"), ("people", f"{head['people']:,}"),
             ("answered", "—" if head["answered_rate"] is None
              else f"{head['answered_rate']:.0%}"),
             ("helpful", "—" if head["helpful_rate"] is None
              else f"{head['helpful_rate']:.0%}")]
    parts = [
        "<!doctype html>", "<html lang=\"en\"><head><meta charset=\"utf-8\">",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "<meta name=\"color-scheme\" content=\"light dark\">",
        f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f"<p class=\"lead\">{html.escape(period)} · {head['statements']:,} statements · "
        f"groups of fewer than {head['min_people']} people are merged into "
        "“other”</p>",
        "<div class=\"cards\">" + "".join(
            f"<div class=\"card\"><b>{html.escape(v)}</b>{html.escape(k)}</div>"
            for k, v in cards) + "</div>"]
    for heading, key, why, columns in SECTIONS:
        parts.append(f"<section id=\"{key}\"><h2>{html.escape(heading)}</h2>")
        parts.append(f"<p class=\"why\">{html.escape(why)}</p>")
        if key in made:
            parts.append(f"<figure class=\"chart\" aria-label=\"{html.escape(heading)}\">"
                         f"{made[key]}</figure>")
        parts.append(_table(report.get(key, []), columns) + "</section>")
    parts.append("<script type=\"application/json\" id=\"figures\">" +
                 json.dumps(report["headline"]).replace("<", "\\u003c") + "</script>")
    parts.append(f"<script>{SCRIPT}</script></body></html>")
    return "\n".join(parts) + "\n"
