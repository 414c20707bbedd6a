"""A dead worker is started again: deploy/supervise.py with a small command that dies, and the
real `bin/run-dev` (`make run`) whose worker is killed."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from deploy.supervise import Supervised
from tests.ops import embedded_site, worker_processes
from tests.ops.worker_processes import is_running, started_pids, wait_for

pytestmark = pytest.mark.ops
ROOT = embedded_site.ROOT

FAKE = textwrap.dedent(
    """
    import os, sys, time
    with open(sys.argv[1], "a") as pids:
        pids.write(f"{os.getpid()}\\n")
    time.sleep(float(sys.argv[2]))
    sys.exit(int(sys.argv[3]))
    """
)


def supervise(tmp_path, *, lives, code):
    script = tmp_path / "fake.py"
    script.write_text(FAKE)
    log = tmp_path / "supervise.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "deploy.supervise",
                "--name",
                "fake",
                "--first-delay",
                "0.1",
                "--max-delay",
                "0.4",
                "--",
                sys.executable,
                str(script),
                str(tmp_path / "pids"),
                str(lives),
                str(code),
            ],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return process, log


def pids(tmp_path):
    path = tmp_path / "pids"
    return [int(line) for line in path.read_text().split()] if path.exists() else []


def stop(process):
    process.send_signal(signal.SIGTERM)
    return process.wait(timeout=30)


def test_supervisor_starts_a_command_again_each_time_it_exits_waiting_longer(tmp_path):
    process, log = supervise(tmp_path, lives=0, code=3)
    try:
        wait_for(lambda: len(pids(tmp_path)) >= 5, what="five starts")
    finally:
        assert stop(process) == 0
    lines = log.read_text().splitlines()
    exits = [line for line in lines if "exited" in line]
    assert exits[:4] == [
        f"supervise: fake exited with 3; starting it again in {delay} s"
        for delay in ("0.1", "0.2", "0.4", "0.4")
    ]
    started = [int(line.split("pid ")[1].rstrip(")")) for line in lines if "started" in line]
    assert started == pids(tmp_path)


def test_supervisor_starts_a_killed_command_again_and_stops_it_with_itself(tmp_path):
    process, log = supervise(tmp_path, lives=120, code=0)
    try:
        first = wait_for(lambda: pids(tmp_path), what="the first start")[0]
        os.kill(first, signal.SIGKILL)
        second = wait_for(lambda: pids(tmp_path)[1:], what="a second start")[0]
        assert is_running(second)
    finally:
        assert stop(process) == 0
    assert f"supervise: fake exited with -{signal.SIGKILL}; starting it again in 0.1 s" in (
        log.read_text().splitlines()
    )
    wait_for(lambda: not is_running(second), what="the command stopped with its supervisor")


ENQUEUE = "from tests.ops.worker_tasks import echo; print(echo.enqueue('after the restart').id)"
STATUS = (
    "from django_tasks_db.models import DBTaskResult; "
    "row = DBTaskResult.objects.get(pk='{id}'); print(row.status, row.return_value)"
)


@pytest.mark.django_db(transaction=True)
def test_make_run_starts_a_killed_worker_again(tmp_path):
    env = {**worker_processes.environment(tmp_path), "PORT": str(embedded_site.free_port())}
    log = tmp_path / "run-dev.log"
    with log.open("wb") as out:
        run_dev = subprocess.Popen(
            ["bin/run-dev"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        first = wait_for(
            lambda: started_pids(log), timeout=120, what="the worker", process=run_dev, log=log
        )[0]
        os.kill(first, signal.SIGKILL)
        second = wait_for(
            lambda: started_pids(log)[1:], what="the worker again", process=run_dev, log=log
        )[0]
        task_id = embedded_site.manage("shell", "-c", ENQUEUE, env=env).stdout.split()[-1]
        done = wait_for(
            lambda: (
                "SUCCESSFUL"
                in embedded_site.manage("shell", "-c", STATUS.format(id=task_id), env=env).stdout
            ),
            every=1,
            what="the task run by the new worker",
            process=run_dev,
            log=log,
        )
        assert done
    finally:
        embedded_site.stop(run_dev)
    output = log.read_text()
    assert "supervise: worker exited with -9; starting it again in 1 s" in output
    assert second != first
    wait_for(lambda: not is_running(second), what="the worker stopped with make run")


def test_supervisor_pause_doubles_while_the_command_dies_young_and_resets_after_a_long_run():
    now = [0.0]
    said = []
    supervised = Supervised(
        [sys.executable, "-c", "import sys; sys.exit(2)"],
        name="short",
        say=said.append,
        clock=lambda: now[0],
    )

    def one_life(lived):
        supervised.process.wait()
        now[0] += lived
        supervised.poll()  # notices the exit
        now[0] += supervised.delay
        supervised.poll()  # starts it again

    supervised.start()
    for lived in (1, 1, 1, 61, 1):
        one_life(lived)
    supervised.stop()

    assert [line for line in said if "exited" in line] == [
        f"short exited with 2; starting it again in {delay} s" for delay in (1, 2, 4, 1, 2)
    ]
    assert supervised.restarts == 5
