"""The real pieces the fault tests start, and the faults they make: a TCP proxy that can cut its connections or hang
them, a mail server that can refuse or be slow, and the service's own processes (gunicorn and db_worker)."""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests
from aiosmtpd.controller import Controller

PROJECT = Path(__file__).resolve().parents[2]


def wait_for(condition, timeout, what):
    """Poll condition until it is true (returning its value), or fail after timeout seconds, saying what (a text, or
    a function giving it then: the state the test was waiting on, say)."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout} seconds waiting for {what() if callable(what) else what}")
        time.sleep(0.05)


def wait_while_progressing(remaining, stalled_after, what):
    """Poll remaining() (how many things are still to happen) until it is 0, for as long as it keeps falling: fail
    once it has not fallen for stalled_after seconds. A backlog a busy machine works through slowly is waited for;
    one that stopped moving is not."""
    least, fell_at = remaining(), time.monotonic()
    while least:
        time.sleep(0.1)
        now = remaining()
        if now < least:
            least, fell_at = now, time.monotonic()
        elif time.monotonic() - fell_at > stalled_after:
            raise AssertionError(
                f"Waiting for {what() if callable(what) else what}: {least} left, none done for {stalled_after} seconds"
            )


class TcpProxy:
    """Forwards 127.0.0.1:port to a target port, until told to cut (close every connection and refuse new ones for
    as long as it is cut) or to hang (accept connections and never answer, as a mail server that has locked up)."""

    FORWARD, CUT, HANG = "forward", "cut", "hang"

    def __init__(self, target_port):
        self.target_port = target_port
        self.mode = self.FORWARD
        self.accepted = 0
        self.sockets = set()
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # closed
            with self.lock:
                self.accepted += 1
                mode = self.mode
                self.sockets.add(client)
            if mode == self.CUT:
                self._close(client)
            elif mode == self.FORWARD:
                try:
                    upstream = socket.create_connection(("127.0.0.1", self.target_port))
                except OSError:
                    self._close(client)
                    continue
                with self.lock:
                    self.sockets.add(upstream)
                for source, sink in ((client, upstream), (upstream, client)):
                    threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        self._close(source)
        self._close(sink)

    def _close(self, sock):
        with self.lock:
            self.sockets.discard(sock)
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        sock.close()

    def _close_all(self):
        with self.lock:
            sockets = list(self.sockets)
        for sock in sockets:
            self._close(sock)

    def cut(self):
        self.mode = self.CUT
        self._close_all()

    def hang(self):
        self.mode = self.HANG

    def restore(self):
        if self.mode == self.HANG:
            self._close_all()  # the hung connections: as the server restarting
        self.mode = self.FORWARD

    def close(self):
        self.listener.close()
        self._close_all()


class MailServer:
    """An SMTP server that keeps what it is sent, and can refuse every recipient (451, try again later) or take a
    while to accept a message."""

    def __init__(self):
        self.received = []  # the recipients of each message, in order
        self.refusing = False
        self.delay = 0  # seconds before accepting a message
        self.receiving = threading.Event()  # set when a message has begun to arrive
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refusing:
            return "451 4.3.0 Mail server temporarily refusing mail"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.receiving.set()
        await asyncio.sleep(self.delay)
        self.received.append(tuple(envelope.rcpt_tos))
        return "250 Message accepted for delivery"

    def recipients(self):
        return [recipient for message in self.received for recipient in message]

    def stop(self):
        self.controller.stop()


class Service:
    """The service's processes, on the settings in tests/reliability/settings.py, each logging to a file."""

    def __init__(self, environment, logs):
        self.environment = environment
        self.logs = logs
        self.processes = []

    def start(self, name, arguments, **environment):
        log = open(self.logs / f"{name}.log", "a")  # closed with the process
        process = subprocess.Popen(
            [sys.executable, *arguments],
            cwd=PROJECT,
            env={**self.environment, **environment},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        process.log = self.logs / f"{name}.log"
        process.log_file = log
        self.processes.append(process)
        return process

    def worker(self, name="worker", **environment):
        return self.start(name, ["manage.py", "db_worker", "--interval", "0.1", "--no-startup-delay"], **environment)

    def gunicorn(self):
        port = free_port()
        process = self.start(
            "gunicorn",
            ["-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4"],
        )
        process.url = f"http://127.0.0.1:{port}"

        def answers():
            assert process.poll() is None, process.log.read_text()
            try:
                return requests.get(process.url + "/healthcheck", timeout=1).status_code == 200
            except requests.RequestException:
                return False

        wait_for(answers, 30, "gunicorn to answer /healthcheck")
        return process

    def stop_all(self):
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
            process.log_file.close()


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
