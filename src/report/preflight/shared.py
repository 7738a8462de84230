"""One file's content walk shared by two processes: a build's print edition worker, which checks
the file, and the build process, idle by then (its screen edition is done). The pages are handed
out in chunks from a counter both see; the build process's events come back without pikepdf
objects (SpaceInfo, ImageInfo stand in for colour spaces and images) and are merged in page order,
so every check sees what one walk would have given it. Whatever goes wrong in the helping process
(it is late, fails, or never comes) costs time only: the worker walks every chunk not delivered.
With a page memo (memo.py) both processes recall the pages known, the build process sends back
the entries of its pages, and a file whose pages are all known is not shared at all."""

from __future__ import annotations

import io
import os
import pickle
import tempfile
import weakref
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal
from typing import Any

import pikepdf

from .content import _describe
from .ink import _image_ink
from .walk import Event, ImageInfo, Malformed, Problem, SpaceInfo, Walker, base_family

CHUNK = 8  # pages a process takes at a time
POLL = 0.02  # seconds between looks at whether the worker is done without offering its file


class Shared:
    """Made before the worker is forked; `forked` in the build process right after."""

    def __init__(self, context: Any, memo: Callable[[], Any] | None = None):
        self._memo = memo  # gives the pages walked before (memo.PageMemo), in either process
        self._lock = context.Lock()
        self._next = context.RawValue("i", 0)  # the next chunk to hand out
        self._helped = context.RawValue("i", 0)  # chunks the build process took
        # worker → build process: the finished file, written into a file without a name that both
        # have open (no pipe: a worker that ends while the build process is still busy would leave
        # part of a message in it, and the build process waiting for the rest)
        self._fd, path = tempfile.mkstemp(prefix="report-walk-")
        os.unlink(path)
        self._close = weakref.finalize(self, os.close, self._fd)  # at once, or when unused (a build failed)
        self._size = context.RawValue("q", -1)
        self._offered = context.Event()
        self._back_in, self._back_out = context.Pipe(duplex=False)  # build process → worker: its events

    def forked(self) -> None:
        """In the build process: only the worker reads the events sent back (a worker that died
        then makes sending fail instead of wait)."""
        self._back_in.close()

    def _take(self, pages: int, helping: bool) -> int | None:
        with self._lock:
            chunk = self._next.value
            if chunk * CHUNK >= pages:
                return None
            self._next.value = chunk + 1
            if helping:
                self._helped.value += 1
            return chunk

    # -- in the worker --------------------------------------------------------------

    def offer(self, data: bytes) -> None:
        """The finished file, for the build process to walk with (written at once: the worker never
        waits for the build process)."""
        self._back_out.close()
        try:
            view, written = memoryview(data), 0
            while written < len(view):
                written += os.pwrite(self._fd, view[written:], written)
        except OSError:  # no room for it: the worker walks alone
            return
        finally:
            self._close()
        self._size.value = len(data)
        self._offered.set()

    def walk(self, walker: Walker) -> list[Event]:
        """Every page's events in page order: the chunks walked here and those the build process
        sent back; its problems and a stop merged into `walker`'s."""
        pages = len(walker.pdf.pages)
        chunks = -(-pages // CHUNK)
        parts: dict[int, tuple[list[Event], list[Problem]]] = {}
        if walker.memo is not None and walker.memo.knows_all(walker.pdf):
            with self._lock:  # every page is known (memo.py): the chunks left are given here alone
                first, self._next.value = self._next.value, max(self._next.value, chunks)
            for chunk in range(first, chunks):
                parts[chunk] = _walk_chunk(walker, chunk, pages)
        while (chunk := self._take(pages, helping=False)) is not None:
            parts[chunk] = _walk_chunk(walker, chunk, pages)
        with self._lock:
            helped = self._helped.value
        if helped:
            try:
                sent, stopped, walked = pickle.loads(self._back_in.recv_bytes())
            except (EOFError, OSError, pickle.UnpicklingError, ValueError):
                sent, stopped, walked = {}, "", {}
            walker.stopped = walker.stopped or stopped
            if walker.memo is not None:
                walker.memo.adopt(walked)
            parts.update(sent)
            for chunk in range(chunks):
                if chunk not in parts:  # taken by the build process but not delivered
                    parts[chunk] = _walk_chunk(walker, chunk, pages)
        walker.problems = [p for chunk in sorted(parts) for p in parts[chunk][1]]
        return [e for chunk in sorted(parts) for e in parts[chunk][0]]

    # -- in the build process -----------------------------------------------------------

    def help(self, done: Callable[[], bool]) -> None:
        """Walk chunks of the worker's file once it is offered; return when the worker is done
        (without offering it: another edition, an error; or having walked the file alone)."""
        sent: dict[int, tuple[list[Event], list[Problem]]] = {}
        stopped, took, walker = "", False, None
        try:
            while not self._offered.wait(POLL) and not done():
                pass
            if done():  # the worker ended: without offering its file, or having walked every page alone
                return
            with pikepdf.open(io.BytesIO(_read(self._fd, self._size.value))) as pdf:
                walker = Walker(pdf, memo=self._memo() if self._memo is not None else None)
                pages = len(pdf.pages)
                while (chunk := self._take(pages, helping=True)) is not None:
                    took = True
                    events, problems = _walk_chunk(walker, chunk, pages)
                    sent[chunk] = ([portable(e) for e in events], problems)
                stopped = walker.stopped
        except Exception:  # noqa: BLE001 - the worker walks what was not delivered
            pass
        finally:
            self._close()
            if took:
                try:
                    walked = walker.memo.used if walker is not None and walker.memo is not None else {}
                    self._back_out.send_bytes(pickle.dumps((sent, stopped, walked)))
                except OSError:  # the worker is gone: its edition is built here
                    pass
            self._back_out.close()


def _read(fd: int, size: int) -> bytes:
    parts, got = [], 0
    while got < size and (part := os.pread(fd, size - got, got)):
        parts.append(part)
        got += len(part)
    return b"".join(parts)


def _walk_chunk(walker: Walker, chunk: int, pages: int) -> tuple[list[Event], list[Problem]]:
    before = len(walker.problems)
    events = list(walker.events(range(chunk * CHUNK + 1, min(pages, (chunk + 1) * CHUNK) + 1)))
    return events, walker.problems[before:]


def portable(event: Event) -> Event:
    """The event without pikepdf objects: what the checks read of its colour spaces and images."""
    if event.kind == "space":
        return replace(event, obj=space_info(event.obj))
    if event.kind == "paint" and event.paint is not None and event.paint.space is not None:
        return replace(event, paint=replace(event.paint, space=space_info(event.paint.space)))
    if event.kind == "image" and not isinstance(event.obj, ImageInfo):  # (a page memo.py gave is portable)
        image = event.obj
        keys = {k: _plain(image.get(k)) for k in ("/ImageMask", "/Width", "/Height") if k in image}
        return replace(event, obj=ImageInfo(keys, _image_ink(image) if event.op == "Do" else 0.0))
    if event.kind == "form":
        return replace(event, obj=None)
    return event


def space_info(space: Any) -> SpaceInfo:
    """What the checks read of a colour space, without pikepdf objects (its family, its description)."""
    return SpaceInfo(_answer(base_family, space), _answer(_describe, space))


def _answer(question: Callable[[Any], str], space: Any) -> str | Exception:
    try:
        return question(space)
    except Malformed as exc:  # raised again where the check asks
        return exc
    except Exception as exc:  # noqa: BLE001 - as a check reports it: "KeyError: …"
        return Malformed(f"{type(exc).__name__}: {exc}")


def _plain(value: Any) -> Any:
    """A value of an image's dictionary as Python has it (pikepdf gives numbers and booleans so)."""
    return value if isinstance(value, (bool, int, float, Decimal, str)) else str(value)
