"""``make bench``, section 4: poll economy."""

from __future__ import annotations

from scripts.bench._measure import Figure


def bench_polls() -> list[Figure]:
    from freepik_kling.testing import FreepikServer, Timings

    figures = []
    with FreepikServer(timings=Timings(queued=0.0, processing=1.0), max_in_progress=None) as server:
        client = server.client()
        for seconds, label, most in ((30, "30 s", None), (120, "2 min", None), (600, "10 min", 40)):
            results = {}
            for mode, interval in (("adaptive (default)", None), ("fixed 1 s", 1.0)):
                server.reset()
                server.timings.processing = seconds
                started = server.clock.monotonic()
                task = client.kling_v2.create(image="https://example.com/cat.jpg", duration=5)
                client.kling_v2.wait(task, poll_interval=interval)
                polls = sum(1 for r in server.requests if r.method == "GET")
                delay = server.clock.monotonic() - started - seconds
                results[mode] = (polls, delay)
            polls, delay = results["adaptive (default)"]
            ok = None if most is None else polls <= most and delay < 15
            figures.append(
                Figure(
                    "poll economy",
                    f"{label} task: status requests, default wait",
                    [polls],
                    "",
                    f"<= {most}" if most else "",
                    ok,
                    note=f"fixed 1 s poll: {results['fixed 1 s'][0]}; webhook flow: 0",
                )
            )
            figures.append(
                Figure(
                    "poll economy",
                    f"{label} task: detection delay, default wait",
                    [delay],
                    "s",
                    "< 15" if most else "",
                    None if most is None else delay < 15,
                    note=f"fixed 1 s poll: {results['fixed 1 s'][1]:.1f} s; webhook: at the change",
                )
            )
    return figures
