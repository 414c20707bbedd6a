"""A small real SMTP server for the fault tests, in a thread on 127.0.0.1.

It speaks just enough SMTP for Django's SMTP backend (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP,
QUIT; no TLS, no AUTH). Modes:
- "accept": every message is kept in `received` (an `email.message.Message` each);
- "silent": connections are accepted and nothing is ever said (the client must time out);
- `refuse_rcpt`: addresses answered "550 no such user" (a permanent refusal).
`down()` closes the listening socket (connections are refused); `up()` listens again on the
same port. Use the `smtp_server` fixture with `smtp_settings`.
"""

import contextlib
import email
import email.policy
import socket
import threading

import pytest


class SMTPServer:
    def __init__(self):
        self.port = None
        self.mode = "accept"
        self.refuse_rcpt = set()
        self.received = []
        self.connections = 0
        self._listener = None
        self._threads = []
        self._stop = threading.Event()
        self._lock = threading.Lock()

    # lifecycle ---------------------------------------------------------------------------
    def up(self):
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port or 0))
        listener.listen(50)
        listener.settimeout(0.05)
        self.port = listener.getsockname()[1]
        self._listener = listener
        self._stop.clear()
        thread = threading.Thread(target=self._accept_loop, args=(listener,), daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def down(self):
        """Stop listening: connections to the port are refused."""
        self._stop.set()
        for thread in self._threads:
            thread.join(5)
        self._threads = []
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    # serving -----------------------------------------------------------------------------
    def _accept_loop(self, listener):
        while not self._stop.is_set():
            try:
                conn, _address = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self.connections += 1
            handler = threading.Thread(target=self._serve, args=(conn,), daemon=True)
            handler.start()

    def _serve(self, conn):
        with contextlib.closing(conn):
            conn.settimeout(10)
            if self.mode == "silent":
                # Accept and say nothing until the client gives up (or the test ends).
                with contextlib.suppress(OSError):
                    while not self._stop.is_set() and conn.recv(1024):
                        pass
                return
            reader = conn.makefile("rb")
            with contextlib.suppress(OSError):
                self._dialogue(conn, reader)

    def _dialogue(self, conn, reader):
        def say(line):
            conn.sendall(line.encode() + b"\r\n")

        say("220 localhost test SMTP")
        recipients = []
        while True:
            line = reader.readline()
            if not line:
                return
            command = line.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                say("250-localhost")
                say("250-8BITMIME")
                say("250 SMTPUTF8")
            elif verb == "HELO":
                say("250 localhost")
            elif verb == "MAIL":
                recipients = []
                say("250 OK")
            elif verb == "RCPT":
                address = command.split(":", 1)[1].split()[0].strip("<>")
                if address in self.refuse_rcpt:
                    say("550 5.1.1 No such user here")
                else:
                    recipients.append(address)
                    say("250 OK")
            elif verb == "DATA":
                say("354 End data with <CR><LF>.<CR><LF>")
                data = []
                while True:
                    chunk = reader.readline()
                    if not chunk or chunk in (b".\r\n", b".\n"):
                        break
                    data.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                message = email.message_from_bytes(b"".join(data), policy=email.policy.default)
                with self._lock:
                    self.received.append(message)
                say("250 OK queued")
            elif verb in ("RSET", "NOOP"):
                say("250 OK")
            elif verb == "QUIT":
                say("221 Bye")
                return
            else:
                say("502 Command not implemented")

    # reading -----------------------------------------------------------------------------
    def recipients(self):
        with self._lock:
            return [message["To"] for message in self.received]

    def subjects(self):
        with self._lock:
            return [str(message["Subject"]) for message in self.received]


@pytest.fixture
def smtp_server():
    server = SMTPServer().up()
    yield server
    server.down()


@pytest.fixture
def smtp_settings(settings, smtp_server):
    """Every e-mail goes through the outbox to the test SMTP server (1 s timeout)."""
    settings.EMAIL_BACKEND = "mail.backends.OutboxBackend"
    settings.MAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 1
    return settings
