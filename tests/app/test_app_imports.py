"""The import preview on the Data page counts what it skips as the person would: by row."""

from __future__ import annotations

from pathlib import Path

from app_helpers import open_app

from netcoach.service import member_service

CONVERSATIONS_CSV = (
    "date,people,setting,quality\n"
    "2026-13-01,Ann,pub,9\n"  # one row, three problems
    "2026-03-02,Ben,social,3\n"
)


def test_a_row_with_three_problems_is_counted_as_one_skipped_row(data_dir: Path) -> None:
    at = open_app("data")
    at.selectbox[0].select("conversations_csv").run()
    at.file_uploader[0].set_value(("log.csv", CONVERSATIONS_CSV.encode(), "text/csv")).run()

    summary = "2 rows read: 1 new people, 1 conversations, 1 row skipped (3 problems)."
    assert any(summary in m.value for m in at.markdown)
    assert [e.label for e in at.expander if "skipped" in e.label] == [
        "3 problems in 1 row(s); those row(s) will be skipped"
    ]
    assert member_service(data_dir, "me").conversations() == []
