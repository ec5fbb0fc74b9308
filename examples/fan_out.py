"""Animate several images at once with ``asyncio.gather``, never more than the key's 3 tasks in progress.

    python examples/fan_out.py          # -> out/fan-out-1.mp4 ... out/fan-out-5.mp4

A key may have 3 unfinished tasks; a 4th create is refused with a 429. A semaphore of 3 around each
create-wait-download keeps every create inside the limit, so none is refused and none is paid twice.
"""

import asyncio
from pathlib import Path

from freepik_kling import AsyncFreepik

IMAGE = Path(__file__).with_name("sun.jpg")
PROMPTS = [
    "The sun rises slowly over the hills",
    "Clouds drift past the sun",
    "The sun sets, the sky turns orange",
    "Birds fly across the sun",
    "The light flickers through mist",
]
SLOTS = 3  # tasks in progress per key


async def animate(client: AsyncFreepik, slots: asyncio.Semaphore, number: int, prompt: str) -> Path:
    async with slots:  # held from the create until the task has finished
        task = await client.kling_v2.run(image=IMAGE, prompt=prompt, duration=5)
    return await client.download(task, Path("out") / f"fan-out-{number}.mp4", overwrite=True)


async def main() -> None:
    slots = asyncio.Semaphore(SLOTS)
    async with AsyncFreepik() as client:
        paths = await asyncio.gather(
            *(animate(client, slots, number, prompt) for number, prompt in enumerate(PROMPTS, start=1))
        )
    for path in paths:
        print(f"saved {path}")


if __name__ == "__main__":
    asyncio.run(main())
