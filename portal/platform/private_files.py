"""Files only the portal's own user may read: the instance folder, the SQLite database, the development keys."""
from __future__ import annotations

import os
import stat
from pathlib import Path

PRIVATE_FOLDER, PRIVATE_FILE = 0o700, 0o600


def make_private(path: Path) -> None:
    """Takes group and others' access away from a folder or file the portal's user owns. One that another user
    owns is left as it is: an operator who set it up that way chose its access."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return
    if status.st_uid == os.geteuid() and status.st_mode & 0o077:
        path.chmod(PRIVATE_FOLDER if stat.S_ISDIR(status.st_mode) else PRIVATE_FILE)


def private_folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    make_private(path)
    return path


def sqlite_files(database: Path) -> tuple[Path, ...]:
    """The database and the write-ahead log and shared-memory files SQLite keeps beside it."""
    return database, database.with_name(database.name + "-wal"), database.with_name(database.name + "-shm")
