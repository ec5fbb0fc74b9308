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
