"""Work done in a second process (innocities/background.py): what comes back, and what a failure looks like."""

from __future__ import annotations

import importlib
import os
import pickle
import signal
import sys
import threading
import time
import warnings

import jinja2
import pytest

from innocities import background


def test_the_work_runs_in_another_process_and_its_result_comes_back_whole():
    # More than a pipe holds (64 KiB), so the child must not be waited for before it is read.
    big = "å" * 3_000_000
    pending = background.Forked(lambda: (os.getpid(), big, {"n": 1}))
    pid, text, data = pending.result()
    assert pid != os.getpid()
    assert text == big and data == {"n": 1}


def test_an_error_comes_back_as_itself_with_the_other_process_traceback():
    def work():
        raise ValueError("no such goal: 18")

    with pytest.raises(ValueError, match="no such goal: 18") as raised:
        background.Forked(work).result()
    cause = raised.value.__cause__
    assert isinstance(cause, background.WorkFailed)
    assert "in work" in str(cause) and "ValueError: no such goal: 18" in str(cause)


def test_an_error_that_cannot_be_pickled_still_names_its_type_and_message():
    class Stubborn(Exception):
        def __init__(self, what, where):
            super().__init__(f"{what} at {where}")

    def work():
        raise Stubborn("bad tag", "line 3")

    with pytest.raises(RuntimeError, match="Stubborn: bad tag at line 3"):
        background.Forked(work).result()


def test_a_template_error_keeps_its_type():
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    with pytest.raises(jinja2.UndefinedError, match="'no_such_value' is undefined"):
        background.Forked(lambda: env.from_string("{{ no_such_value }}").render()).result()


@pytest.mark.parametrize("death, said", [(lambda: os._exit(3), "exit code 3"),
                                         (lambda: os.kill(os.getpid(), signal.SIGKILL), "killed by signal 9")])
def test_a_process_that_dies_without_a_result_is_reported(death, said):
    with pytest.raises(RuntimeError, match=f"ended without a result \\({said}\\)"):
        background.Forked(death).result()


def test_a_result_cut_short_is_reported_as_missing(monkeypatch):
    def half_written(work, write):  # as if the child died while writing its result
        os.write(write, pickle.dumps((True, "x" * 100_000, None))[:5000])
        os._exit(0)

    monkeypatch.setattr(background, "_run_child", half_written)
    with pytest.raises(RuntimeError, match=r"ended without a result \(exit code 0\)"):
        background.Forked(lambda: None).result()


def test_cancel_stops_the_work_at_once():
    pending = background.Forked(lambda: time.sleep(60))
    pid = pending._pid
    started = time.monotonic()
    pending.cancel()
    assert time.monotonic() - started < 5
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)  # gone, and reaped


def test_switched_off_the_work_runs_here_and_only_when_asked(monkeypatch):
    monkeypatch.setenv("INNOCITIES_PARALLEL", "0")
    ran = []
    pending = background.start(lambda: ran.append(os.getpid()) or "done")
    assert not pending.forked and ran == []
    assert pending.result() == "done" and ran == [os.getpid()]


@pytest.mark.parametrize("cores, forked", [(1, False), (2, True)])
def test_a_second_process_is_used_only_with_a_second_core(monkeypatch, cores, forked):
    monkeypatch.delenv("INNOCITIES_PARALLEL", raising=False)
    monkeypatch.setattr(background, "cores", lambda: cores)
    pending = background.start(os.getpid)
    assert pending.forked is forked
    assert (pending.result() != os.getpid()) is forked


def test_when_no_process_can_be_started_the_work_runs_here(monkeypatch):
    monkeypatch.setattr(background, "can_fork", lambda: True)

    def no_fork():
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    pending = background.start(os.getpid)
    assert not pending.forked and pending.result() == os.getpid()


@pytest.mark.skipif(sys.version_info < (3, 12), reason="Python 3.12 is the first to warn when a process with threads forks")
def test_forking_beside_threads_gives_no_warning():
    # `mkdocs serve` rebuilds while its server threads run; a warning there would worry contributors.
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        with warnings.catch_warnings(record=True) as seen:
            # Set before the module is loaded, as the mkdocs command line sets its own.
            warnings.simplefilter("always")
            loaded = importlib.reload(background)
            assert loaded.Forked(lambda: 7).result() == 7
        assert [str(w.message) for w in seen if "fork" in str(w.message)] == []
    finally:
        stop.set()
        thread.join()
