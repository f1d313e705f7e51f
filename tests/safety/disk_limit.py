"""Run `hubtui ARGS…` with files limited to LIMIT bytes, as on a disk that fills up.

Usage: python disk_limit.py LIMIT ARGS…  (a write past the limit fails as the OS says, the
process is not killed: SIGXFSZ is ignored.)
"""

from __future__ import annotations

import resource
import signal
import sys


def main() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    limit = int(sys.argv[1])
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    from hubtui.cli import main as hubtui

    sys.argv = ["hubtui", *sys.argv[2:]]
    hubtui()


if __name__ == "__main__":
    main()
