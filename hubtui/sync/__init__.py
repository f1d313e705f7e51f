"""Sync between devices: change files through a shared folder, or a shared PostgreSQL database.

No Textual here; the CLI and the TUI call these functions.
"""
