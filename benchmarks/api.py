"""HTTP API under load: ``necessity serve`` (a real uvicorn process on 127.0.0.1, offline backend,
its own SQLite store) receives 200 draft requests at once, each for its own synthetic case, while
each client polls its draft with ``GET /v1/drafts/{id}`` until it has finished.

Printed side by side from one run:
- throughput: drafts finished per second, from the first POST to the last draft finished, under
  load, against the same server drafting 20 requests one after another (sequential baseline);
- latency of ``GET /v1/drafts/{id}`` (p50/p95/max) while the 200 drafts are queued and drafted,
  against the same GET on the idle server afterwards (ratio = loaded / idle);
- latency of the 202 from ``POST /v1/drafts``;
- errors: any answer that is not 2xx, transport errors, drafts not complete (target 0);
- peak memory (VmHWM) of the server process.

Run: ``python benchmarks/api.py`` (writes ``benchmarks/results/api.txt``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.api_server import api_server, new_key  # noqa: E402
from tests.fakes.case_variants import write_case_variants  # noqa: E402

RESULT = ROOT / "benchmarks" / "results" / "api.txt"
REQUESTS = 200
SEQUENTIAL = 20
POLL_S = 0.25  # least wait between polls; the server's Retry-After (if longer) is honoured
IDLE_GETS = 200
SERVER = {"api_rate_per_minute": 1_000_000, "api_rate_burst": 100_000}  # no rate limit here


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def latency_line(name: str, values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return (f"{name}: n={len(ms)} p50 {percentile(ms, 0.5):.1f} ms, p95 "
            f"{percentile(ms, 0.95):.1f} ms, max {max(ms):.1f} ms")


class Tally:
    def __init__(self) -> None:
        self.gets: list[float] = []
        self.posts: list[float] = []
        self.errors: list[str] = []
        self.statuses: dict[str, int] = {}


async def submit_cases(client: httpx.AsyncClient, paths: list[Path]) -> list[str]:
    ids = []
    for path in paths:
        answer = await client.post("/v1/cases", content=path.read_bytes(),
                                   headers={"Content-Type": "application/yaml"})
        answer.raise_for_status()
        ids.append(answer.json()["id"])
    return ids


async def one_draft(client: httpx.AsyncClient, case: str, tally: Tally, poll: bool) -> None:
    started = time.perf_counter()
    try:
        answer = await client.post("/v1/drafts", json={"case": case})
        tally.posts.append(time.perf_counter() - started)
        if answer.status_code != 202:
            tally.errors.append(f"POST /v1/drafts: HTTP {answer.status_code}")
            return
        draft_id = answer.json()["id"]
        wait = float(answer.headers.get("retry-after", 0))
        while True:
            await asyncio.sleep(max(wait, POLL_S) if poll else 0.02)
            started = time.perf_counter()
            got = await client.get(f"/v1/drafts/{draft_id}")
            tally.gets.append(time.perf_counter() - started)
            if got.status_code != 200:
                tally.errors.append(f"GET /v1/drafts/{{id}}: HTTP {got.status_code}")
                return
            status = got.json()["status"]
            wait = float(got.headers.get("retry-after", 0))
            if status not in ("queued", "running"):
                tally.statuses[status] = tally.statuses.get(status, 0) + 1
                if status != "complete":
                    tally.errors.append(f"draft {draft_id}: {status}")
                return
    except httpx.HTTPError as exc:
        tally.errors.append(f"{type(exc).__name__}: {exc}")


def served_gets(server) -> list[float]:  # type: ignore[no-untyped-def]
    """Seconds the server itself took for each GET /v1/drafts/{id} so far (its JSON log: from
    the request reaching the app to the response), in order."""
    return [line["ms"] / 1000 for line in server.log_lines()
            if line.get("route") == "/v1/drafts/{draft_id}" and line.get("method") == "GET"]


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


async def run(work: Path) -> list[str]:
    paths = write_case_variants(work / "cases", REQUESTS + SEQUENTIAL)
    with api_server(work / "server", **SERVER) as server:
        secret, _ = new_key(server.data_dir, "bench")
        limits = httpx.Limits(max_connections=REQUESTS + 10, max_keepalive_connections=REQUESTS)
        async with httpx.AsyncClient(base_url=server.url, timeout=120, limits=limits,
                                     headers={"Authorization": f"Bearer {secret}"}) as client:
            cases = await submit_cases(client, paths)

            sequential = Tally()
            began = time.perf_counter()
            for case in cases[REQUESTS:]:
                await one_draft(client, case, sequential, poll=False)
            sequential_s = time.perf_counter() - began

            loaded = Tally()
            served_before = len(served_gets(server))
            began = time.perf_counter()
            await asyncio.gather(*(one_draft(client, case, loaded, poll=True)
                                   for case in cases[:REQUESTS]))
            loaded_s = time.perf_counter() - began
            served = served_gets(server)
            served_loaded = served[served_before:]

            # The same GET on the idle server: one finished draft, asked for again and again.
            answer = await client.post("/v1/drafts", json={"case": cases[0]})
            draft_id = answer.json()["id"]
            while (await client.get(f"/v1/drafts/{draft_id}")).json()["status"] in (
                    "queued", "running"):
                await asyncio.sleep(0.1)
            idle: list[float] = []
            for _ in range(IDLE_GETS):
                started = time.perf_counter()
                got = await client.get(f"/v1/drafts/{draft_id}")
                idle.append(time.perf_counter() - started)
                if got.status_code != 200:
                    loaded.errors.append(f"idle GET: HTTP {got.status_code}")
        served_idle = served_gets(server)[len(served):][-IDLE_GETS:]
        memory = peak_memory_mb(server.process.pid)
        workers = [peak_memory_mb(child) for child in children(server.process.pid)]
        concurrency = os.environ.get("NECESSITY_API_CONCURRENCY",
                                     f"{min(4, os.cpu_count() or 1)} (default)")

    load = os.getloadavg()
    throughput = REQUESTS / loaded_s
    baseline = SEQUENTIAL / sequential_s
    errors = loaded.errors + sequential.errors
    return [
        f"API benchmark, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        f"machine: {os.cpu_count()} CPU(s), load average after {load[0]:.2f}, {load[1]:.2f}, "
        f"{load[2]:.2f}",
        f"server: necessity serve (uvicorn, one process), offline backend, SQLite store, "
        f"api_concurrency {concurrency} worker processes; clients: httpx over loopback, each "
        f"polling as the server's Retry-After says (at least every {POLL_S} s)",
        "",
        f"{REQUESTS} draft requests at once: {loaded_s:.1f} s, {throughput:.1f} drafts/s; "
        f"statuses {loaded.statuses}",
        f"{SEQUENTIAL} requests one after another (baseline): {sequential_s:.1f} s, "
        f"{baseline:.1f} drafts/s",
        f"throughput ratio, concurrent / sequential: {throughput / baseline:.2f}",
        "",
        "GET /v1/drafts/{id}, as the clients saw it (the client process shares the 2 CPUs; "
        "its own queueing is included):",
        "  " + latency_line("under load", loaded.gets),
        "  " + latency_line("idle server", idle),
        f"  p95 ratio, under load / idle: "
        f"{percentile(loaded.gets, 0.95) / percentile(idle, 0.95):.1f}",
        "GET /v1/drafts/{id}, as the server took it (its JSON request log):",
        "  " + latency_line("under load", served_loaded),
        "  " + latency_line("idle server", served_idle),
        f"  p95 ratio, under load / idle: "
        f"{percentile(served_loaded, 0.95) / percentile(served_idle, 0.95):.1f}",
        latency_line("POST /v1/drafts (202) under load, as the clients saw it", loaded.posts),
        "",
        f"errors: {len(errors)} (target 0){': ' + '; '.join(errors[:10]) if errors else ''}",
        f"peak memory (VmHWM): server process {memory:.0f} MB; its {len(workers)} child "
        f"processes (drafting workers, multiprocessing's resource tracker) "
        f"{' + '.join(f'{m:.0f}' for m in workers)} MB",
    ]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="necessity-api-bench-") as work:
        lines = asyncio.run(run(Path(work)))
    text = "\n".join(lines) + "\n"
    print(text, end="")
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
