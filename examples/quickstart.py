"""Create a video, wait for it, download it.

    export FREEPIK_API_KEY=...          # from https://www.freepik.com/developers/dashboard/api-key
    python examples/quickstart.py       # -> out/quickstart.mp4

To try it for free, run ``python -m freepik_kling.testing`` in another terminal and export the
FREEPIK_BASE_URL and FREEPIK_API_KEY lines it prints.
"""

from pathlib import Path

from freepik_kling import Freepik

IMAGE = Path(__file__).with_name("sun.jpg")


def main() -> None:
    with Freepik() as client:  # the key from FREEPIK_API_KEY, the host from FREEPIK_BASE_URL
        task = client.kling_v2.create(image=IMAGE, prompt="The sun rises slowly over the hills", duration=5)
        print(f"created task {task.id}, waiting for it")
        task = client.kling_v2.wait(task)  # polls until COMPLETED; raises TaskFailedError if it failed
        path = client.download(task, Path("out") / "quickstart.mp4", overwrite=True)
        print(f"saved {path}")


if __name__ == "__main__":
    main()
