"""Reading files as Swedish offices save them: encodings, separators, titles, merged headers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from hubtui.errors import UserError
from hubtui.importers import read_table
from hubtui.importers.fields import guess_mapping


def test_windows_1252_csv_with_semicolons(write_csv: Callable[..., Path]) -> None:
    path = write_csv(
        "lista.csv",
        [["Företag", "Län", "Kommun", "Omsättning"], ["Åkerbo Smide AB", "Västmanland", "Köping",
                                                      "12,5"]],
        encoding="cp1252",
        delimiter=";",
    )  # fmt: skip
    table = read_table(path)
    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    assert table.headers == ("Företag", "Län", "Kommun", "Omsättning")
    assert table.rows == [(2, ("Åkerbo Smide AB", "Västmanland", "Köping", "12,5"))]


def test_utf8_bom_csv_with_semicolons_and_empty_rows(write_csv: Callable[..., Path]) -> None:
    path = write_csv(
        "lista.csv",
        [["Org.nr", "Företagsnamn"], ["", ""], ["556036-0793", "Älvdalens Trä, AB"], [], ["", ""]],
        encoding="utf-8-sig",
        delimiter=";",
    )
    table = read_table(path)
    assert table.headers[0] == "Org.nr"  # the BOM is not part of the first header
    assert (table.encoding, table.delimiter) == ("utf-8", ";")
    assert table.rows == [(3, ("556036-0793", "Älvdalens Trä, AB"))]


def test_tab_and_comma_separated(write_csv: Callable[..., Path]) -> None:
    tab = read_table(write_csv("t.csv", [["Företag", "Län"], ["A AB", "19"]], delimiter="\t"))
    assert tab.delimiter == "\t" and tab.rows[0][1] == ("A AB", "19")
    comma = read_table(write_csv("c.csv", [["Företag", "Län", "Anställda"], ["A AB", "19", "3"],
                                           ["B AB", "03", "4"]]))  # fmt: skip
    assert comma.delimiter == ","


def test_encoding_and_delimiter_can_be_given(write_csv: Callable[..., Path]) -> None:
    path = write_csv("x.csv", [["Företag|Län"], ["Ödeshög AB|05"]], encoding="cp1252")
    table = read_table(path, encoding="cp1252", delimiter="|")
    assert table.headers == ("Företag", "Län") and table.rows[0][1] == ("Ödeshög AB", "05")
    with pytest.raises(UserError, match="cannot be read as utf-8"):
        read_table(path, encoding="utf-8")
    with pytest.raises(UserError, match="no sheets; leave out --sheet"):
        read_table(path, sheet="Blad1")


def test_title_row_and_merged_group_header(write_xlsx: Callable[..., Path]) -> None:
    rows = [
        ["Seminarier och deltagare 2025", None, None, None, None, None],
        [None] * 6,
        ["Datum", "Aktivitet", "Företag", "Deltagare", None, None],
        [None, None, None, "Kvinnor", "Män", "Ej angivet"],
        [dt.datetime(2025, 4, 3), "Seminarium", "Mälarplast AB", 2, 1, 0],
        [None] * 6,
        [dt.datetime(2025, 4, 3), "Seminarium", "Köpings Mekaniska AB", 0, 3, 1],
    ]
    path = write_xlsx("narvaro.xlsx", rows, merges=["A1:F1", "A3:A4", "B3:B4", "C3:C4", "D3:F3"])
    table = read_table(path)
    assert table.header_row == 4
    assert table.headers == ("Datum", "Aktivitet", "Företag", "Kvinnor", "Män", "Ej angivet")
    assert [n for n, _ in table.rows] == [5, 7]
    assert table.rows[0][1][0] == dt.datetime(2025, 4, 3)
    mapping = guess_mapping(table.headers, "events")
    assert mapping == {0: "date", 1: "type", 2: "name", 3: "women", 4: "men", 5: "unstated"}


def test_sheet_choice(write_xlsx: Callable[..., Path], tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    info = workbook.active
    assert info is not None
    info.title = "Instruktioner"
    info.append(["Fyll i en rad per företag."])
    data = workbook.create_sheet("Företag")
    data.append(["Företag", "Org.nr"])
    data.append(["A AB", "556036-0793"])
    path = tmp_path / "bok.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert table.sheet == "Företag" and table.sheet_names == ("Instruktioner", "Företag")
    assert read_table(path, sheet="instruktioner").sheet == "Instruktioner"
    with pytest.raises(UserError, match="has no sheet 'Kontakter'"):
        read_table(path, sheet="Kontakter")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("gammal.xls", b"\xd0\xcf\x11\xe0", "old Excel format"),
        ("trasig.xlsx", b"not a zip file", "cannot be read as an Excel file"),
        ("tom.csv", b"", "holds no data"),
        ("bild.png", b"\x89PNG", "neither an .xlsx nor a .csv"),
        ("utf16.csv", "Företag;Län".encode("utf-16"), "not a text file"),
    ],
)
def test_unreadable_files_give_one_sentence(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UserError, match=message):
        read_table(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="There is no file"):
        read_table(tmp_path / "saknas.xlsx")


def test_csv_title_row_and_notes_above_the_header(write_csv: Callable[..., Path]) -> None:
    path = write_csv(
        "export.csv",
        [["Deltagarlista hösten 2025", "", "", ""], ["Exporterad 2025-12-01", "", "", ""],
         ["", "", "", ""], ["Datum", "Aktivitet", "Kvinnor", "Män"],
         ["2025-10-01", "Workshop", "3", "2"]],
        delimiter=";",
    )  # fmt: skip
    table = read_table(path)
    assert (table.delimiter, table.header_row) == (";", 4)
    assert table.headers == ("Datum", "Aktivitet", "Kvinnor", "Män")
    assert table.rows == [(5, ("2025-10-01", "Workshop", "3", "2"))]
