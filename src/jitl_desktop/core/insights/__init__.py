"""Insights for L&D: what people look for and do not find, what helps, what is stale,
and what colleagues chose (``jitl-desktop insights``; no Qt).

The statements (:mod:`.read`: files or the LRS, streamed) are folded one by one into a
:class:`~.tally.Tally`; :mod:`.report` turns it and the content folders into the tables
(privacy applied there: no actor ids, small groups merged into "other"); :mod:`.html`
writes the self-contained report (charts drawn by matplotlib, an optional dependency:
the ``insights`` extra).
"""
