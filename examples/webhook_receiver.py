"""A webhook receiver: the API tells this app when the task changes, so nothing polls.

    python examples/webhook_receiver.py     # -> out/webhook.mp4, then the server stops

A Starlette app served by uvicorn on 127.0.0.1 receives each delivery, checks its signature with
``webhooks.verify`` (a forged or stale delivery gets a 400), and downloads the video once the task is
COMPLETED. The create passes the app's address as ``webhook_url``.

The real API must reach that address: set WEBHOOK_PUBLIC_URL to where it is exposed (a tunnel, a public
host) and FREEPIK_WEBHOOK_SECRET to your dashboard's webhook secret. Unset, they default to the local
address and to the secret ``python -m freepik_kling.testing`` signs with.
"""

import asyncio
import os
import socket
from pathlib import Path

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from freepik_kling import AsyncFreepik, Task, TaskStatus, errors, webhooks

IMAGE = Path(__file__).with_name("sun.jpg")
SECRET = os.environ.get("FREEPIK_WEBHOOK_SECRET", "sim-webhook-secret")  # the simulator's default secret
OUTPUT = Path("out") / "webhook.mp4"
TIMEOUT = 900  # seconds to wait for the task before giving up


async def main() -> None:
    finished: asyncio.Future[Task] = asyncio.get_running_loop().create_future()

    async with AsyncFreepik() as client:

        async def receive(request: Request) -> Response:
            try:
                task = webhooks.verify(await request.body(), request.headers, SECRET)
            except errors.WebhookVerificationError as error:
                return Response(f"rejected: {error}", status_code=400)
            print(f"webhook: task {task.id} is {task.status}")
            if task.status is TaskStatus.COMPLETED and not finished.done():
                await client.download(task, OUTPUT, overwrite=True)  # the delivery carries the video URL
                finished.set_result(task)
            elif task.status is TaskStatus.FAILED and not finished.done():
                finished.set_exception(errors.TaskFailedError(task))
            return Response(status_code=204)

        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))  # any free port
        port = listener.getsockname()[1]
        server = uvicorn.Server(
            uvicorn.Config(Starlette(routes=[Route("/webhook", receive, methods=["POST"])]), log_level="warning")
        )
        serving = asyncio.create_task(server.serve(sockets=[listener]))
        try:
            while not server.started:
                await asyncio.sleep(0.01)
            url = os.environ.get("WEBHOOK_PUBLIC_URL", f"http://127.0.0.1:{port}/webhook")
            task = await client.kling_v2.create(
                image=IMAGE, prompt="The sun rises slowly over the hills", duration=5, webhook_url=url
            )
            print(f"created task {task.id}; deliveries go to {url}")
            task = await asyncio.wait_for(finished, TIMEOUT)
            print(f"saved {OUTPUT}")
        finally:
            server.should_exit = True
            await serving


if __name__ == "__main__":
    asyncio.run(main())
