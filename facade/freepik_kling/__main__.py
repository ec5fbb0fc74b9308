"""``python -m freepik_kling``: the command line."""

import sys

from freepik_kling._cli.main import main

if __name__ == "__main__":
    sys.exit(main())
