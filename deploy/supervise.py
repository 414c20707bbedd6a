"""Keep a command running: each time it exits, start it again after a pause that doubles while it
keeps dying young (1, 2, 4 … at most 30 s; back to 1 s once it has run a minute).

Used for the task worker by `bin/run-dev` (`python -m deploy.supervise --name worker -- CMD…`)
and by `bin/stack` (`Supervised`). In production systemd does the same for
deploy/systemd/worker.service (`Restart=always`).

The command runs in its own session, and when it exits whatever it left behind in that session
(the autoreloader's child, say) is stopped too, so a restart never leaves two copies running.
SIGTERM or SIGINT stops the command (SIGTERM, then SIGKILL after 10 s) and the supervisor.

The standard library only: no Django here.
"""

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time


class Supervised:
    def __init__(
        self,
        args,
        *,
        name,
        cwd=None,
        env=None,
        stdout=None,
        first_delay=1.0,
        max_delay=30.0,
        healthy_after=60.0,
        say=print,
        clock=time.monotonic,
    ):
        self.args = list(args)
        self.name = name
        self.cwd = cwd
        self.env = env
        self.stdout = stdout
        self.first_delay = first_delay
        self.max_delay = max_delay
        self.healthy_after = healthy_after
        self.say = say
        self.clock = clock
        self.process = None
        self.started_at = None
        self.delay = None  # the pause before the next start, None until the first exit
        self.restart_at = None
        self.restarts = 0

    @property
    def pid(self):
        return self.process.pid if self.process is not None else None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - our own command line
            self.args,
            cwd=self.cwd,
            env=self.env,
            stdout=self.stdout,
            stderr=subprocess.STDOUT if self.stdout is not None else None,
            start_new_session=True,
        )
        self.started_at = self.clock()
        self.restart_at = None
        self.say(f"{self.name} started (pid {self.process.pid})")

    def poll(self):
        """Call it regularly: notices an exit, and starts the command again when it is time."""
        if self.process is None:
            if self.restart_at is not None and self.clock() >= self.restart_at:
                self.restarts += 1
                self.start()
            return
        code = self.process.poll()
        if code is None:
            return
        self._stop_session(signal.SIGKILL)
        lived = self.clock() - self.started_at
        if self.delay is None or lived >= self.healthy_after:
            self.delay = self.first_delay
        else:
            self.delay = min(self.max_delay, self.delay * 2)
        self.say(f"{self.name} exited with {code}; starting it again in {self.delay:g} s")
        self.process = None
        self.restart_at = self.clock() + self.delay

    def _stop_session(self, signum):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signum)

    def stop(self, timeout=10.0):
        """Stop the command and its session; no restart after this."""
        self.restart_at = None
        if self.process is None:
            return
        if self.process.poll() is None:
            self._stop_session(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self._stop_session(signal.SIGKILL)
                self.process.wait()
        self._stop_session(signal.SIGKILL)
        self.process = None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--name", default="command")
    parser.add_argument("--first-delay", type=float, default=1.0)
    parser.add_argument("--max-delay", type=float, default=30.0)
    parser.add_argument("--healthy-after", type=float, default=60.0)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    options = parser.parse_args(argv)
    command = options.command[1:] if options.command[:1] == ["--"] else options.command
    if not command:
        parser.error("no command to supervise")

    def say(message):
        print(f"supervise: {message}", flush=True)

    supervised = Supervised(
        command,
        name=options.name,
        first_delay=options.first_delay,
        max_delay=options.max_delay,
        healthy_after=options.healthy_after,
        say=say,
    )

    def on_signal(_signum, _frame):
        supervised.stop()
        sys.exit(0)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    supervised.start()
    while True:
        supervised.poll()
        time.sleep(0.2)


if __name__ == "__main__":
    main()
