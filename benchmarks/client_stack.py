"""What one chat call costs in CPU on each layer of the openai backend's client stack, side by side
in one run: the data behind the batch benchmark's concurrency-32 result
(``benchmarks/results/batch.txt``), where one Python process runs out of CPU before it runs out of
calls in flight.

Each stack makes the same ``CALLS`` chat calls, ``CONCURRENCY`` in flight, with the same prompt
(a real section prompt of a bundled example), against the fake OpenAI-compatible server (real HTTP
on 127.0.0.1, ``LATENCY_S`` per call, in the benchmark's own process). Each stack runs in its own
fresh interpreter and reports the CPU it spent (user + system, all threads) while calling, after a
warm-up round, so imports and first-call setup are not counted:

- ``langchain``: ``ChatOpenAI.ainvoke`` as ``drafting/backends/openai.py`` configures it (the
  shipped stack);
- ``openai-sdk``: ``AsyncOpenAI.chat.completions.create``, the SDK LangChain calls;
- ``httpx``: ``httpx.AsyncClient.post`` of the same JSON body and ``json.loads`` of the answer, the
  transport under the SDK.

The shipped stack is the first one; the others are measured only to show where its CPU goes.
Rounds alternate the stacks so a change in the machine's load hits all of them alike.

Run: ``python benchmarks/client_stack.py`` (writes ``benchmarks/results/client_stack.txt``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fakes.openai_server import FakeOpenAIServer, reply  # noqa: E402

RESULT = ROOT / "benchmarks" / "results" / "client_stack.txt"
CALLS = 600
CONCURRENCY = 32
LATENCY_S = 0.2
ROUNDS = 5
STACKS = ("langchain", "openai-sdk", "httpx")
ANSWER = "The record bears on this section [F1] [G:mtus-cp-esi-purpose]."

# Runs in a fresh interpreter: argv = stack, base URL, calls, concurrency. Prints JSON.
CHILD = r'''
import asyncio, json, resource, sys, time
stack, base_url, calls, concurrency = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])

from drafting.case.loader import load_case
from drafting.stages import StageRunner, prepare
from drafting.settings import Settings
from guideline_index.corpus import excerpts_by_id
from tests.conftest import example_paths

sections = prepare(load_case(example_paths()[0]), excerpts_by_id(), StageRunner()).sections
prompt = sections[1].prompt
messages = [{"role": "system", "content": prompt.system}, {"role": "user", "content": prompt.user}]

def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

async def main():
    if stack == "langchain":
        from drafting.backends.openai import OpenAIBackend
        backend = OpenAIBackend(Settings(backend="openai", base_url=base_url, model="fake-model",
                                         retries=0))
        async def call():
            return (await backend.complete(prompt)).text
    elif stack == "openai-sdk":
        import httpx, openai
        client = openai.AsyncOpenAI(base_url=base_url, api_key="not-needed", max_retries=0,
                                    http_client=httpx.AsyncClient(timeout=60))
        async def call():
            response = await client.chat.completions.create(model="fake-model", messages=messages,
                                                            temperature=0.0)
            return response.choices[0].message.content
    else:
        import httpx
        client = httpx.AsyncClient(timeout=60)
        body = {"model": "fake-model", "messages": messages, "temperature": 0.0, "stream": False}
        async def call():
            response = await client.post(base_url + "/chat/completions", json=body)
            return json.loads(response.content)["choices"][0]["message"]["content"]
    gate = asyncio.Semaphore(concurrency)
    async def one():
        async with gate:
            text = await call()
            assert text.strip(), "empty answer"
    await asyncio.gather(*(one() for _ in range(concurrency)))  # warm-up: connections, caches
    started, wall = cpu(), time.perf_counter()
    await asyncio.gather(*(one() for _ in range(calls)))
    print(json.dumps({"cpu_s": cpu() - started, "wall_s": time.perf_counter() - wall}))

asyncio.run(main())
'''


def measure(stack: str, base_url: str) -> dict[str, float]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", CHILD, stack, base_url, str(CALLS),
                           str(CONCURRENCY)], capture_output=True, text=True, env=env, cwd=ROOT,
                          check=False)
    if done.returncode != 0:
        raise SystemExit(f"{stack} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    lines = [f"client stack benchmark, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
             f"machine: {os.cpu_count()} CPU(s), load average before "
             f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}",
             f"{CALLS} chat calls per stack and round, {CONCURRENCY} in flight, fake server "
             f"{LATENCY_S * 1000:.0f} ms per call; {ROUNDS} rounds, stacks alternating; CPU = "
             "user + system of the calling process while calling (warm)", ""]
    results: dict[str, list[dict[str, float]]] = {stack: [] for stack in STACKS}
    with FakeOpenAIServer(reply(ANSWER), latency_s=LATENCY_S) as server:
        for _ in range(ROUNDS):
            for stack in STACKS:
                results[stack].append(measure(stack, server.base_url))
    base = statistics.median(r["cpu_s"] for r in results["langchain"]) / CALLS
    for stack in STACKS:
        runs = sorted(r["cpu_s"] / CALLS * 1000 for r in results[stack])
        per_call = statistics.median(r["cpu_s"] for r in results[stack]) / CALLS
        rate = statistics.median(CALLS / r["wall_s"] for r in results[stack])
        lines.append(f"{stack:>11}: {per_call * 1000:5.2f} ms CPU per call (median of "
                     f"{ROUNDS}, {runs[0]:.2f}-{runs[-1]:.2f}; {per_call / base:.2f} of "
                     f"langchain), {rate:5.1f} calls/s "
                     f"(ideal {CONCURRENCY / LATENCY_S:.0f}); one core's worth of calls: "
                     f"{1 / per_call:.0f}/s")
    lines.append("")
    lines.append("shipped: langchain (drafting/backends/openai.py); the other two are layers "
                 "under it, measured for comparison only")
    print("\n".join(lines))
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {RESULT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
