"""Work started now and collected later: in a second process where that saves time, else in this one.

The site's own pages are drawn from the index alone, while MkDocs meanwhile renders the Markdown
of every page, which needs none of them until the pages are written. On a machine with two or
more cores the drawing can therefore run beside MkDocs in a forked process, and the build waits
only for copying its result back. Fork, because the child starts with the index already built
(a spawned process would load it again). It is used on Linux only; elsewhere, on one core, or
with INNOCITIES_PARALLEL=0, the work runs in this process when its result is asked for. Both
ways give the same result, and an error in the work is raised where the result is asked for.

The child runs the work, writes the pickled result to a pipe and leaves with os._exit: it logs
nothing, writes to no standard stream and runs no exit handlers. That is why forking is safe
under `mkdocs serve` too, whose server threads may hold the locks of logging or stderr when we
fork: the child never takes those locks.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import resource
import signal
import sys
import traceback
import warnings
from typing import Any, Callable

# Python 3.12+ warns on every fork in a process with threads (`mkdocs serve` has them), because
# the child might need a lock another thread held; ours takes none (see above).
warnings.filterwarnings("ignore", message=r".*multi-threaded, use of fork\(\) may lead to deadlocks",
                        category=DeprecationWarning, module=__name__)


def cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than exist)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return (sys.platform.startswith("linux") and hasattr(os, "fork") and cores() >= 2
            and os.environ.get("INNOCITIES_PARALLEL", "1") != "0")


def start(work: Callable[[], Any]) -> Pending:
    """Begin `work`, in a forked process where that helps; `.result()` gives what it returned."""
    if can_fork():
        try:
            return Forked(work)
        except OSError:  # no process to spare (a container's limit): then here, as on one core
            pass
    return InProcess(work)


class Pending:
    forked = False

    def result(self) -> Any:  # pragma: no cover - interface
        raise NotImplementedError

    def cancel(self) -> None:
        """The result will not be asked for."""


class InProcess(Pending):
    """Runs the work when the result is asked for."""

    def __init__(self, work: Callable[[], Any]) -> None:
        self._work = work

    def result(self) -> Any:
        return self._work()


class WorkFailed(Exception):
    """The traceback of an error in the other process, chained to the error raised here."""


class Forked(Pending):
    forked = True

    def __init__(self, work: Callable[[], Any]) -> None:
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            raise
        if pid == 0:  # pragma: no cover - the child; coverage is not measured there
            os.close(read)
            _run_child(work, write)
        os.close(write)
        self._pid: int | None = pid
        self._read = read
        self.usage: resource.struct_rusage | None = None  # the child's CPU time and peak memory, once reaped

    def result(self) -> Any:
        with open(self._read, "rb") as pipe:  # to its end: the child may write more than a pipe holds
            data = pipe.read()
        _, status, self.usage = os.wait4(self._pid, 0)
        self._pid = None
        try:
            ok, value, trace = pickle.loads(data)
        except Exception:  # nothing or part of it: the child died before it had written all
            raise RuntimeError(f"the background process ended without a result ({_describe(status)})") from None
        if ok:
            return value
        raise value from WorkFailed(trace)

    def cancel(self) -> None:
        if self._pid is None:
            return
        try:
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        with contextlib.suppress(OSError):
            os.close(self._read)
        self._pid = None


def _run_child(work: Callable[[], Any], write: int) -> None:  # pragma: no cover - runs in the child
    code = 1
    try:
        try:
            data = pickle.dumps((True, work(), None), protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        except BaseException as error:  # noqa: BLE001 - every error goes back to the parent
            data = pickle.dumps((False, _portable(error), "".join(traceback.format_exception(error))))
        with open(write, "wb") as pipe:
            pipe.write(data)
    finally:
        os._exit(code)


def _portable(error: BaseException) -> BaseException:
    """The error itself if it survives pickling; not every one does (one whose __init__ needs
    more than its message cannot be made again from its pickle)."""
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:  # noqa: BLE001
        return RuntimeError(f"{type(error).__name__}: {error}")


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit code {os.waitstatus_to_exitcode(status)}"
