"""Primary keys: UUIDv7, time-ordered and safe to merge between devices."""

import uuid_utils


def new_id() -> str:
    return str(uuid_utils.uuid7())
