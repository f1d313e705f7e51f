"""Submitted reports are frozen: the report of a submitted period is what was sent, whatever
changed since, and the next report lists the changes and their effect on the indicators."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from report_fixture import Fixture
from sqlalchemy import select

from hubtui.domain.notes import NOTE_SECTIONS
from hubtui.errors import UserError
from hubtui.kpi import resolve
from hubtui.reports.formats.markdown import render_markdown
from hubtui.reports.submissions import report_for, submissions, submit_report
from hubtui.services.activities import delete_activity, log_activity, update_activity
from hubtui.services.activity_input import ActivityChange, ActivityInput
from hubtui.services.notes import set_notes
from hubtui.services.projects import get_project
from hubtui.store import tables

SENT = dt.date(2026, 10, 10)


def _write_notes(rapp: Fixture, period: str = "2026Q3") -> None:
    texts = {s: f"Text om {s}." for s in NOTE_SECTIONS}
    set_notes(rapp.store, project="RAPP", period=period, texts=texts)


def _activity(rapp: Fixture, title: str) -> str:
    with rapp.store.read() as conn:
        query = select(tables.ACTIVITY.c.id).where(tables.ACTIVITY.c.title == title)
        return str(conn.execute(query).scalar_one())


def test_submit_refuses_empty_sections_and_a_second_submission(rapp: Fixture) -> None:
    with pytest.raises(UserError, match="needs text in every section") as refused:
        submit_report(rapp.store, *resolve(rapp.store, "RAPP", "2026Q3"), today=SENT)
    # each section by its heading, with the id that `hubtui note set --section` takes
    assert "Results (resultat)" in str(refused.value)
    assert submissions(rapp.store, get_project(rapp.store, "RAPP")) == []
    _write_notes(rapp)
    submit_report(rapp.store, *resolve(rapp.store, "RAPP", "2026Q3"), today=SENT)
    with pytest.raises(UserError, match="was submitted on 2026-10-10"):
        submit_report(
            rapp.store, *resolve(rapp.store, "RAPP", "2026-07-01..2026-09-30"), today=SENT
        )


def test_a_submitted_report_stays_as_sent(rapp: Fixture) -> None:
    _write_notes(rapp)
    sent = render_markdown(
        report_for(rapp.store, *resolve(rapp.store, "RAPP", "2026Q3"), today=SENT, draft=False)
    )
    submit_report(rapp.store, *resolve(rapp.store, "RAPP", "2026Q3"), today=SENT)
    # Later: an activity of the period is added, one edited, one deleted, a note rewritten.
    update_activity(rapp.store, _activity(rapp, "Behovsanalys"), ActivityChange(hours=30))
    delete_activity(rapp.store, _activity(rapp, "AI i verkstaden"))  # the seminar
    with rapp.store.read() as conn:
        org = conn.execute(select(tables.ORGANISATION.c.id).limit(1)).scalar_one()
    log_activity(
        rapp.store,
        ActivityInput(project="RAPP", type="visit", date="2026-09-29", organisation_ids=(org,)),
    )
    set_notes(rapp.store, project="RAPP", period="2026Q3", texts={"resultat": "Ny text."})
    frozen = report_for(rapp.store, *resolve(rapp.store, "RAPP", "2026Q3"))
    assert frozen.submitted == SENT
    again = render_markdown(frozen)
    assert "Inlämnad 2026-10-10" in again and "Utkast" not in again
    assert "Ny text." not in again and "Text om resultat." in again
    assert [line for line in again.splitlines() if line.startswith("| ")] == [
        line for line in sent.splitlines() if line.startswith("| ")
    ]  # every table cell exactly as sent
    english = render_markdown(report_for(rapp.store, *resolve(rapp.store, "RAPP", "2026Q3")), "en")
    assert "Submitted 2026-10-10" in english and "Progress report" in english
    # The next report says what changed in Q3 after it was sent, and what that did.
    later = report_for(
        rapp.store, *resolve(rapp.store, "RAPP", "2026Q4"), today=dt.date(2027, 1, 5)
    )
    whats = {c.title: (c.change, c.fields) for c in later.changes}
    assert whats["Behovsanalys"] == ("changed", (("hours", "3.0", "30.0"),))
    assert whats["AI i verkstaden"] == ("deleted", ()) and ("added", ()) in whats.values()
    text = render_markdown(later)
    assert "| Seminarium: AI i verkstaden | Alfa Verkstad AB, Beta Data AB" in text
    assert "borttagen |" in text and "tillagd |" in text
    assert "# Ändringar efter inlämning" in text.replace("## ", "# ")
    effects = {e.indicator: (e.submitted, e.now) for e in later.effects}
    assert effects["Deltagare"] == (22, 9)  # the seminar's 13 are gone
    assert "| 2026Q3 | Deltagare | 22 | 9 |" in text


def test_cli_submit_and_list(rapp: Fixture, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _write_notes(rapp)
    done = run_cli("report", "submit", "-p", "RAPP", "--period", "2026Q3", "--date", "2026-10-10")
    assert done.exit_code == 0, done.stderr
    listed = run_cli("report", "submitted", "-p", "RAPP")
    assert "2026-07-01..2026-09-30\tsubmitted 2026-10-10" in listed.stdout
    again = run_cli("report", "submit", "-p", "RAPP", "--period", "2026Q3")
    assert again.exit_code == 2 and again.stderr.count("\n") == 1
    out = tmp_path / "r.md"
    wrote = run_cli(
        "report", "-p", "RAPP", "--period", "2026Q3", "--format", "md", "--out", str(out)
    )
    assert wrote.exit_code == 0, wrote.stderr
    assert "Inlämnad 2026-10-10" in out.read_text(encoding="utf-8")
    missing = run_cli("report", "-p", "RAPP")
    assert missing.exit_code == 2 and "--period" in missing.stderr


DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_submission_frozen_by_an_older_version_renders_as_it_did(
    rapp: Fixture, lang: str
) -> None:
    """Older submissions stored the report once per language, with names in place of values;
    they still render exactly as the version that froze them rendered them."""
    view, span = resolve(rapp.store, "RAPP", "2026Q3")
    snapshot = (DATA / "submission_v1.json").read_text(encoding="utf-8")
    values = {"project_id": view.id, "period": "2026-07-01..2026-09-30", "submitted": SENT}
    with rapp.store.write() as w:
        w.insert("report_submission", {**values, "snapshot": snapshot})
    report = report_for(rapp.store, view, span, lang="en" if lang == "en" else "sv")
    text = render_markdown(report, "en" if lang == "en" else "sv")
    assert text == (DATA / f"submission_v1.{lang}.md").read_text(encoding="utf-8")


def test_a_submission_stores_one_model_without_language(rapp: Fixture) -> None:
    _write_notes(rapp)
    sub = submit_report(rapp.store, *resolve(rapp.store, "RAPP", "2026Q3"), today=SENT)
    assert set(sub.snapshot) == {"report", "activities"}
    assert "lang" not in sub.snapshot["report"]
    english = render_markdown(report_for(rapp.store, *resolve(rapp.store, "RAPP", "2026Q3")), "en")
    assert "# Progress report" in english and "Seminar" in english
