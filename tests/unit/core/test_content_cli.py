"""Content parsing as the command line shows it."""

from __future__ import annotations

import json
import subprocess
import sys


def test_search_json_shows_a_setext_title_and_skips_a_leading_html_comment(make_content):
    root = make_content({"finance/expenses.md": """
        <!-- Owner: finance team. Review every quarter. -->

        Claim travel expenses
        =====================

        Photograph each receipt and submit the claim within 30 days of the trip.
        """})
    proc = subprocess.run(
        [sys.executable, "-m", "jitl_desktop", "search", "--content", str(root), "--json",
         "receipt", "claim"],
        capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    first = json.loads(proc.stdout)["results"][0]
    assert first["id"] == "finance/expenses"
    assert first["title"] == "Claim travel expenses"
    assert first["summary"] == ("Photograph each receipt and submit the claim within 30 days "
                                "of the trip.")
    assert "Owner" not in first["snippet"]
