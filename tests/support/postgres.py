"""A throw-away PostgreSQL cluster for tests and benchmarks.

PostgreSQL refuses to run as root, and our machines and CI run as root: the
cluster is initialised and started as the `postgres` system user in a temporary
directory it owns, on a free loopback port, and removed afterwards.
"""

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path


def find_bindir() -> Path | None:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PostgresServer:
    bindir: Path
    root: Path
    port: int
    user: str = "postgres"
    locale: str = "C"  # what the tests and benchmarks measure; another only to test what a default cluster does

    @property
    def postmaster_pid(self) -> int:
        """The running server's main process (its children are the backends)."""
        return int((self.root / "data" / "postmaster.pid").read_text().split()[0])

    def url(self, database: str = "postgres", driver: str = "postgresql+asyncpg") -> str:
        return f"{driver}://{self.user}@127.0.0.1:{self.port}/{database}"

    def _as_owner(self, *args: str) -> list[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd

    def start(self) -> None:
        data = self.root / "data"
        subprocess.run(self._as_owner("initdb", "-D", str(data), "-A", "trust", "-U", self.user, "--no-sync",
                                      "-E", "UTF8", f"--locale={self.locale}"), check=True, capture_output=True)
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        subprocess.run(self._as_owner("pg_ctl", "-D", str(data), "-o", options, "-l", str(self.root / "log"),
                                      "-w", "-t", "60", "start"), check=True, capture_output=True)

    def restart(self) -> None:
        """A fast restart (clean shutdown: sessions are cut, committed work is kept)."""
        # -l again: without it the new server writes to pg_ctl's output, which would then never close.
        subprocess.run(self._as_owner("pg_ctl", "-D", str(self.root / "data"), "-l", str(self.root / "log"),
                                      "-m", "fast", "-w", "-t", "60", "restart"),
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def psql(self, sql: str, database: str = "postgres") -> None:
        subprocess.run(self._as_owner("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user,
                                      "-d", database, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql),
                       check=True, capture_output=True)

    def create_database(self, name: str) -> str:
        self.psql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        subprocess.run(self._as_owner("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop"),
                       capture_output=True)
        shutil.rmtree(self.root, ignore_errors=True)


def start_postgres(locale: str = "C") -> PostgresServer:
    bindir = find_bindir()
    if bindir is None:
        raise FileNotFoundError("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    root = Path(tempfile.mkdtemp(prefix="pgtest-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    server = PostgresServer(bindir, root, _free_port(), locale=locale)
    try:
        server.start()
    except subprocess.CalledProcessError as exc:
        log = (root / "log").read_text() if (root / "log").exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {exc.stderr.decode(errors='replace')}\n{log}") from exc
    # Wait until it accepts TCP connections, not just the socket.
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", server.port), timeout=1):
                return server
        except OSError:
            time.sleep(0.1)
    server.stop()
    raise RuntimeError("PostgreSQL did not accept connections in time")
