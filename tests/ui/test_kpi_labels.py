"""The cards say what "expected" is reckoned for, and which company figure is which."""

from __future__ import annotations

import datetime as dt

from hubtui.domain.periods import Period
from hubtui.kpi import KpiResult
from hubtui.kpi.engine import expected_at
from hubtui.ui.i18n import set_language
from hubtui.ui.widgets.kpi_card import period_line, status_line, value_line


def result(metric: str) -> KpiResult:
    return KpiResult(
        id="k",
        label="K",
        metric=metric,
        target=120,
        period_value=29,
        cumulative_value=35,
        expected_by_now=40.0,
        progress=35 / 120,
        status="behind",
    )


def test_expected_is_by_today_in_a_running_period_and_by_the_end_of_a_finished_one() -> None:
    q4 = Period("2026Q4", dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert expected_at(q4, dt.date(2026, 11, 15)) == dt.date(2026, 11, 15)
    assert expected_at(q4, dt.date(2027, 2, 1)) == q4.end
    assert expected_at(q4, None) == q4.end
    k = result("companies_supported")
    assert status_line(k, False) == "behind · expected by today 40"
    assert status_line(k, True) == "behind · expected by the period's end 40"


def test_company_counts_say_which_figure_is_the_period_and_which_from_the_start() -> None:
    k = result("companies_supported")
    assert value_line(k) == "35 of 120 since the start"
    assert period_line(k) == "organisations this period 29"
    assert period_line(result("activities")) == "this period 29"
    set_language("sv")
    try:
        assert value_line(k) == "35 av 120 sedan start"
        assert period_line(k) == "organisationer denna period 29"
        assert status_line(k, False) == "efter · förväntat i dag 40"
        assert status_line(k, True) == "efter · förväntat vid periodens slut 40"
    finally:
        set_language("en")


def test_hours_in_a_form_use_the_languages_decimal_mark() -> None:
    from hubtui.ui.widgets.form import decimal_text

    assert (decimal_text(1.5), decimal_text(2.0), decimal_text(None)) == ("1.5", "2", "")
    set_language("sv")
    try:
        assert decimal_text(1.5) == "1,5"
    finally:
        set_language("en")
