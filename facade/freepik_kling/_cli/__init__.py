"""The ``freepik-kling`` command line, one room: ``main`` wires the arguments and runs a command.

``fields``: options made from a model's request fields. ``checks``: what is checked before anything is
sent. ``console``: where output goes, and the live lines. ``commands``: the commands that talk to the API,
imported through ``deferred`` only when one runs, so that ``--help`` loads no HTTP client. ``history``: the
tasks this computer created. ``outcome``: what a command ended with, in the command line's terms, and how
to finish a task it leaves behind.
"""
