"""Files the commands write (--out): atomically, through symlinks, and never onto a device.

The data goes to a temporary file beside the real target and is renamed over it at the end, so an
interrupted write never leaves half a report. A symlink is written through (its target is replaced,
the link stays), and anything that is not a regular file - a folder, a FIFO, /dev/full - is refused:
renaming over a device node would replace the node itself.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from diplowatch.errors import DiplowatchError


def _problem(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def output_target(out: str | os.PathLike[str]) -> Path:
    """The regular file `out` names (symlinks followed), its folder created; DiplowatchError otherwise."""
    text = str(out)
    if not text.strip():
        raise DiplowatchError("--out is empty: give a file name")
    path = Path(os.path.realpath(text))
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise DiplowatchError(f"{out}: cannot write here ({_problem(exc)})") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a device, FIFO or socket)"
        raise DiplowatchError(f"{out}: {kind}; give a file to write")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DiplowatchError(f"{out}: cannot create its folder ({_problem(exc)})") from None
    if not os.access(path.parent, os.W_OK):
        raise DiplowatchError(f"{out}: the folder {path.parent} is not writable")
    return path


@contextmanager
def atomic_path(out: str | os.PathLike[str]) -> Iterator[Path]:
    """A temporary path to write; renamed over `out` (its real target) when the block succeeds."""
    target = output_target(out)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        yield tmp
        if target.exists():
            os.chmod(tmp, stat.S_IMODE(target.stat().st_mode))
        os.replace(tmp, target)
    except OSError as exc:
        raise DiplowatchError(f"{out}: cannot write ({_problem(exc)})") from None
    finally:
        if tmp.exists():
            tmp.unlink()


@contextmanager
def atomic_open(out: str | os.PathLike[str], encoding: str = "utf-8") -> Iterator[IO[str]]:
    """A text handle whose content replaces `out` only once the block has finished."""
    with atomic_path(out) as tmp, open(tmp, "w", encoding=encoding) as handle:
        yield handle


def write_text_atomic(out: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    with atomic_path(out) as tmp:
        tmp.write_text(text, encoding=encoding)
    return output_target(out)
