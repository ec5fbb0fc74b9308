"""Testing your own code with the simulator: the ``freepik_server`` fixture comes with the package.

    pip install "freepik-kling[testing]"
    pytest examples/test_my_app.py

The fixture is a local Freepik API on 127.0.0.1 with a clock the test drives: a task's minutes pass at
once, the video is a real MP4, and after each test it fails if your code sent a request the API's
OpenAPI document does not allow. No key, no network, no cost.
"""

from pathlib import Path

from freepik_kling import Freepik, errors


# Your code: anything that takes a client. Here, a video per prompt, skipping the ones that failed.
def make_clips(client: Freepik, image: str, prompts: list[str], folder: Path) -> list[Path]:
    clips = []
    for prompt in prompts:
        try:
            task = client.kling_v2.run(image=image, prompt=prompt, duration=5)
        except errors.TaskFailedError:
            continue
        clips.append(client.download(task, folder / f"{task.id}.mp4"))
    return clips


# Its tests: freepik_server.client() is a Freepik on the simulator, sharing its clock.
def test_one_clip_per_prompt(freepik_server, tmp_path):
    clips = make_clips(freepik_server.client(), "https://example.com/sun.jpg", ["sunrise", "sunset"], tmp_path)
    assert len(clips) == 2
    assert all(clip.stat().st_size > 0 for clip in clips)


def test_a_failed_task_is_skipped(freepik_server, tmp_path):
    freepik_server.faults.fail_tasks = 1  # the next task ends FAILED
    clips = make_clips(freepik_server.client(), "https://example.com/sun.jpg", ["sunrise", "sunset"], tmp_path)
    assert len(clips) == 1


def test_a_rate_limit_is_retried(freepik_server, tmp_path):
    freepik_server.faults.rate_limit(retry_after=2)  # the next request gets a 429
    clips = make_clips(freepik_server.client(), "https://example.com/sun.jpg", ["sunrise"], tmp_path)
    assert len(clips) == 1
    assert [request.status for request in freepik_server.requests][:2] == [429, 200]
