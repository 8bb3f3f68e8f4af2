"""Errors the person running a command can put right: a path, an option, a lock, a missing extra.

The command line prints such an error as one line, `Error: <message>`, and exits with status 2,
so the message says what to do. Anything else is a bug and keeps its traceback.
"""


class UserError(Exception):
    """Raised where the cause is known to lie in the input, the options or the machine's set-up."""
