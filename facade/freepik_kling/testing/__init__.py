"""A spec-faithful local Freepik API for tests: ``pip install freepik-kling[testing]``.

```python
from freepik_kling.testing import FreepikServer

with FreepikServer() as server:               # real HTTP on 127.0.0.1, a free port
    client = server.client()                  # a Freepik pointed at it, sharing its clock
    task = client.kling_v2.run(image="https://example.com/cat.jpg", duration=5)
    server.faults.rate_limit(retry_after=2)   # the next request gets a 429
```

With pytest, the ``freepik_server`` fixture gives the same object, reset for each test. By hand:
``python -m freepik_kling.testing --port 8080``.
"""

try:  # what the [testing] extra adds; without it, say so rather than name a module the reader never chose
    import openapi_core  # noqa: F401
    import uvicorn  # noqa: F401
    import yaml  # noqa: F401
except ModuleNotFoundError as missing:
    raise ModuleNotFoundError(
        f"freepik_kling.testing needs the [testing] extra ({missing.name} is missing): "
        'pip install "freepik-kling[testing]"',
        name=missing.name,
    ) from None

from freepik_kling.testing._contract import Contract, load_contract
from freepik_kling.testing._server import FreepikServer
from freepik_kling.testing._simulator import (
    Delivery,
    Fault,
    Faults,
    RecordedRequest,
    Simulator,
    SimulatorClock,
    Timings,
)

__all__ = [
    "Contract",
    "Delivery",
    "Fault",
    "Faults",
    "FreepikServer",
    "RecordedRequest",
    "Simulator",
    "SimulatorClock",
    "Timings",
    "load_contract",
]
