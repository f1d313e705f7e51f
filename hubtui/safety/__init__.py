"""Keeping the data safe: backups, restore, health checks, erasure and access export.

Nothing here imports Textual; the TUI and the command line both call into these modules.
"""
