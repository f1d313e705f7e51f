"""With language sv the report submission, encryption, doctor and backup commands speak
Swedish too."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from hubtui.domain.notes import NOTE_SECTIONS


@pytest.fixture
def sv(run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> Callable[..., str]:
    """Run a command in Swedish that must succeed; its stdout."""
    monkeypatch.setenv("HUBTUI_LANGUAGE", "sv")

    def run(*args: str) -> str:
        result = run_cli(*args)
        assert result.exit_code == 0, (result.stdout, result.stderr)
        return result.stdout

    return run


def test_report_submit_and_submitted(sv: Callable[..., str], seeded: dict[str, str]) -> None:
    assert sv("report", "submitted", "-p", "KAIM") == "Ingen rapport för KAIM har lämnats in.\n"
    for section in NOTE_SECTIONS:
        sv("note", "set", "-p", "KAIM", "--period", "2025Q3", "-s", section, "--text", "Text.")
    done = sv("report", "submit", "-p", "KAIM", "--period", "2025Q3", "--date", "2025-10-10")
    assert done == "Lämnade in KAIM 2025-07-01..2025-09-30 den 2025-10-10.\n"
    listed = sv("report", "submitted", "-p", "KAIM")
    assert listed == "2025-07-01..2025-09-30\tinlämnad 2025-10-10\n"


def test_encrypt_and_decrypt(
    sv: Callable[..., str], seeded: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("sqlcipher3", reason="the encryption extra is not installed")
    from hubtui.store import encryption

    monkeypatch.setenv(encryption.KEY_ENV, "en hemlig nyckel")
    done = sv("encrypt")
    assert "Krypterade " in done and "säkerhetskopian som togs först är" in done
    assert "Spara nyckeln: utan den går databasen inte att öppna." in done
    undone = sv("decrypt")
    assert "Dekrypterade " in undone
    assert f"Ta bort {encryption.KEY_ENV} (och nyckeln ur nyckelringen)" in undone
    assert "backup" not in (done + undone).replace("/backups/", "/")


def test_doctor_findings(
    sv: Callable[..., str], seeded: dict[str, str], run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    healthy = sv("doctor")
    assert "integritetskontroll: ok" in healthy and "schemarevision " in healthy
    assert "varje tal inom sina gränser" in healthy and "Frisk" in healthy
    missing = run_cli("doctor", db=tmp_path / "inget.db")
    assert missing.exit_code == 1
    assert "  problem  Det finns ingen databas på " in missing.stdout
    assert "check" not in missing.stdout and "database" not in missing.stdout


def test_backup_list_says_why_in_swedish(sv: Callable[..., str], seeded: dict[str, str]) -> None:
    sv("backup")
    listed = sv("backup", "list")
    assert "orsak" in listed and "gjord för hand" in listed
    assert "manual" not in listed.replace("-manual.db", "")
    from hubtui.store.backups import reason_text

    words = [reason_text(r) for r in ("daily", "before-encrypt", "before-0012", "damaged")]
    assert words == ["daglig", "före kryptering", "före en uppgradering (0012)", "skadad kopia"]


def test_org_list_hint_counts_the_swedish_way(
    run_cli: Callable[..., Result], seeded: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from hubtui.services import organisations

    monkeypatch.setenv("HUBTUI_LANGUAGE", "sv")
    monkeypatch.setattr(organisations, "count_organisations", lambda *a, **k: 1234)
    hint = run_cli("org", "list", "--limit", "1").stderr
    assert "(1 av 1\u202f234; --limit 1234 eller --format json eller csv visar alla)" in hint


def test_activity_history_in_swedish(sv: Callable[..., str], seeded: dict[str, str]) -> None:
    logged = sv(
        "log", "seminar", "--project", "KAIM", "--date", "2025-05-02", "--org", "abb",
        "--hours", "2.5", "--women", "3", "--title", "AI-dag",
    )  # fmt: skip
    activity_id = logged.splitlines()[0]
    sv("activity", "delete", activity_id)
    history = sv("activity", "history", activity_id)
    assert "skapad" in history and "timmar: 2,5" in history and "kvinnor: 3" in history
    assert "rubrik: AI-dag" in history and "borttagen" in history
    assert "typ: Seminarium" in history and "stödform:" in history
    assert "seminar," not in history and "non_financial" not in history
    assert "hours" not in history and "title" not in history and "deleted" not in history


def test_history_dialog_words_in_swedish() -> None:
    import datetime as dt

    from hubtui.i18n import set_language
    from hubtui.store.views import ChangeView
    from hubtui.ui.screens.history import describe

    def change(field: str, value: object) -> ChangeView:
        when = dt.datetime(2026, 1, 2, 3, 4, 5)
        return ChangeView("c", "activity", "a", field, value, "h", "o", "Karin Lund", when)

    set_language("sv")
    assert describe(change("hours", 1234.5), {}) == ("timmar", "1\u202f234,5")
    assert describe(change("joint_rd", True), {}) == ("gemensam FoU", "ja")
    assert describe(change("type", "seminar"), {}) == ("typ", "Seminarium")
    assert describe(change("notes", None), {}) == ("anteckningar", "—")
    assert describe(change("county", "19"), {}) == ("län", "Västmanlands län (19)")
    assert describe(change("municipality", "1980"), {}) == ("kommun", "Västerås (1980)")
    assert describe(change("county", "99"), {}) == ("län", "99")  # not a county: as stored
