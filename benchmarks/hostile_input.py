"""Hostile input (issue #22 item 1), measured side by side in one run:

- validating a case file: an ordinary example case, a YAML alias bomb (9 levels of 10 aliases,
  about 10**9 values if expanded), a 1.4 MB file with 40 problems, and YAML and JSON nested
  100,000 levels: seconds (best of three) and peak Python memory (tracemalloc, a fourth run)
  each, with the ratio to the ordinary case; targets: the bomb < 1 s and < 100 MB, the
  40-problem file < 2 s;
- against ``necessity serve`` (a real process on 127.0.0.1): another organisation's
  ``GET /v1/cases/{id}`` latency idle, then while 8 clients of one organisation upload the
  hostile files as fast as they are answered; target p95 under load < 10x idle p95.

Run: ``python benchmarks/hostile_input.py`` (writes ``benchmarks/results/hostile_input.txt``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drafting.case.loader import load_case  # noqa: E402
from drafting.case.problems import CaseFileError  # noqa: E402
from tests.api_server import api_server, new_key  # noqa: E402
from tests.fakes.hostile_cases import EXAMPLE, deep_json_body, write_all  # noqa: E402

RESULT = ROOT / "benchmarks" / "results" / "hostile_input.txt"
UPLOADERS = 8
GETS = 300
SERVER = {"api_rate_per_minute": 1_000_000, "api_rate_burst": 100_000}  # no rate limit here


def _outcome(path: Path) -> str:
    try:
        load_case(path)
    except CaseFileError as exc:
        first = exc.problems[0]
        return f"{len(exc.problems)} problem(s); first: line {first.line}: {first.message}"
    return "valid"


def validate(path: Path) -> tuple[float, float, str]:
    """Seconds (the best of three runs, untraced), peak MB (a traced run) and the outcome of
    validating one file."""
    seconds = []
    for _ in range(3):
        started = time.perf_counter()
        outcome = _outcome(path)
        seconds.append(time.perf_counter() - started)
    tracemalloc.start()
    _outcome(path)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return min(seconds), peak, outcome


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def timed_gets(client: httpx.AsyncClient, url: str, count: int) -> list[float]:
    times = []
    for _ in range(count):
        started = time.perf_counter()
        answer = await client.get(url)
        times.append(time.perf_counter() - started)
        answer.raise_for_status()
    return times


async def upload_forever(client: httpx.AsyncClient, bodies: list[tuple[bytes, str]],
                         stop: asyncio.Event, statuses: dict[int, int]) -> None:
    n = 0
    while not stop.is_set():
        body, media = bodies[n % len(bodies)]
        answer = await client.post("/v1/cases", content=body, headers={"Content-Type": media})
        statuses[answer.status_code] = statuses.get(answer.status_code, 0) + 1
        n += 1


async def served(work: Path, files: dict[str, Path]) -> list[str]:
    with api_server(work / "server", **SERVER) as server:
        victim, _ = new_key(server.data_dir, "victim-org")
        attacker, _ = new_key(server.data_dir, "attacker-org")
        timeout = httpx.Timeout(120)
        async with httpx.AsyncClient(base_url=server.url, timeout=timeout,
                                     headers={"Authorization": f"Bearer {victim}"}) as good, \
                httpx.AsyncClient(base_url=server.url, timeout=timeout,
                                  headers={"Authorization": f"Bearer {attacker}"}) as bad:
            answer = await good.post("/v1/cases", content=EXAMPLE.read_bytes(),
                                     headers={"Content-Type": "application/yaml"})
            answer.raise_for_status()
            url = f"/v1/cases/{answer.json()['id']}"
            await timed_gets(good, url, 20)  # warm up
            idle = await timed_gets(good, url, GETS)
            bodies = [(files["alias_bomb"].read_bytes(), "application/yaml"),
                      (files["many_problems"].read_bytes(), "application/yaml"),
                      (files["deep_yaml"].read_bytes(), "application/yaml"),
                      (deep_json_body(), "application/json")]
            stop, statuses = asyncio.Event(), {}
            attack = [asyncio.create_task(upload_forever(bad, bodies, stop, statuses))
                      for _ in range(UPLOADERS)]
            await asyncio.sleep(1.0)
            loaded = await timed_gets(good, url, GETS)
            stop.set()
            await asyncio.gather(*attack)
    idle_p95, loaded_p95 = percentile(idle, 0.95) * 1000, percentile(loaded, 0.95) * 1000
    ratio = loaded_p95 / idle_p95
    return [f"another organisation's GET /v1/cases/{{id}} ({GETS} each): idle p50 "
            f"{percentile(idle, 0.5) * 1000:.1f} ms, p95 {idle_p95:.1f} ms; while {UPLOADERS} "
            f"clients upload the hostile files: p50 {percentile(loaded, 0.5) * 1000:.1f} ms, "
            f"p95 {loaded_p95:.1f} ms, max {max(loaded) * 1000:.1f} ms",
            f"  p95 ratio loaded/idle {ratio:.1f}x (target < 10x): "
            f"{'met' if ratio < 10 else 'MISSED'}",
            f"  hostile uploads answered meanwhile, by status: "
            f"{', '.join(f'{k}: {v}' for k, v in sorted(statuses.items()))}"]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="necessity-hostile-") as work:
        files = write_all(Path(work) / "files")
        lines = [f"hostile input, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC", "",
                 "validating one case file (load_case, in process):"]
        base_s, base_mb, _ = validate(EXAMPLE)
        lines.append(f"  {'ordinary example case':<34}{base_s:>8.3f} s{base_mb:>8.1f} MB  "
                     f"(the baseline)")
        targets = {"alias_bomb": (1.0, 100.0), "many_problems": (2.0, None)}
        for key, path in files.items():
            seconds, peak, outcome = validate(path)
            size = path.stat().st_size
            target = targets.get(key)
            verdict = ""
            if target is not None:
                ok = seconds < target[0] and (target[1] is None or peak < target[1])
                verdict = (f"  target < {target[0]:.0f} s" +
                           (f", < {target[1]:.0f} MB" if target[1] else "") +
                           f": {'met' if ok else 'MISSED'}")
            lines.append(f"  {key + f' ({size:,} bytes)':<34}{seconds:>8.3f} s{peak:>8.1f} MB  "
                         f"x{seconds / base_s:.1f} time{verdict}")
            lines.append(f"      -> {outcome[:150]}")
        lines += ["", *asyncio.run(served(Path(work), files))]
    text = "\n".join(lines) + "\n"
    print(text, end="")
    RESULT.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
