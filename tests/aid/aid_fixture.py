"""Shared values of the state aid tests: orgnrs, goals files, a result check."""

from __future__ import annotations

from click.testing import Result

ALFA, BETA, GAMMA, DELTA = "556100-0018", "556100-0026", "556100-0034", "556100-0042"

P1 = """[project]
code = "P1"
name = "Projekt ett"
start = 2020-01-01
end = 2027-12-31

[aid]
scheme = "de_minimis"
grantor = "Region Västmanland"
hourly_rate_sek = 1000
eur_rate = 10
"""

P2 = """[project]
code = "P2"
name = "Projekt två"
start = 2024-01-01
end = 2027-12-31

[aid]
scheme = "de_minimis"
grantor = "Mälardalens universitet"
hourly_rate_sek = 1100

[aid.eur_rates]
"2024-01-01" = 11
"2026-07-01" = 12.5
"""


def ok(result: Result) -> str:
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout
