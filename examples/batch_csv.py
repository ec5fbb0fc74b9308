"""A batch from a CSV of images and prompts: one video per row, resumable after any crash.

    python examples/batch_csv.py        # reads examples/prompts.csv -> out/batch/<row>.mp4

The journal (out/batch.sqlite) records every step: stop the script at any moment, run it again, and
nothing is paid twice; videos already downloaded are kept.
"""

import csv
from pathlib import Path

from freepik_kling import Batch

CSV = Path(__file__).with_name("prompts.csv")


def jobs_from_csv(path: Path) -> list[dict[str, object]]:
    with path.open(newline="", encoding="utf-8") as rows:
        return [
            # relative image paths are the CSV's own: resolve them from its folder
            {"id": f"row-{number}", "image": str(path.parent / row["image"]), "prompt": row["prompt"], "duration": 5}
            for number, row in enumerate(csv.DictReader(rows), start=1)
        ]


def main() -> None:
    Path("out").mkdir(exist_ok=True)
    result = Batch(journal=Path("out") / "batch.sqlite", out=Path("out") / "batch").run(jobs_from_csv(CSV))
    print(result.summary)  # done: downloaded now; skipped: downloaded by an earlier run
    if result.summary["done"] + result.summary["skipped"] != len(result.jobs):
        raise SystemExit("some videos are not done yet: run again to resume")


if __name__ == "__main__":
    main()
