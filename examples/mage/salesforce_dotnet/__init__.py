"""Mage destination that hands the run to the target-salesforce executable.

Mage starts destinations as `python3 <module>/__init__.py <flags>`; this module replaces its own
process with target-salesforce and the very same flags, so Mage sees the target's exit code,
stdout (state and JSON log lines) and stderr unchanged.
"""
import json
import os
import shutil
import sys
import time
import uuid


def _fail(reason):
    # The shape Mage reads from a failed run: a line starting ERROR, then a LOG object whose
    # tags.error is shown to the user (test_connection reads stderr; runs read stdout and exit code).
    line = {
        "caller": __name__,
        "level": "ERROR",
        "message": reason,
        "tags": {"error": reason},
        "timestamp": int(time.time()),
        "uuid": uuid.uuid4().hex,
        "type": "LOG",
    }
    sys.stderr.write("ERROR " + json.dumps(line) + "\n")
    sys.exit(1)


def _command():
    configured = os.environ.get("TARGET_SALESFORCE_EXECUTABLE")
    path = configured or shutil.which("target-salesforce")
    if not path:
        _fail(
            "target-salesforce was not found: put the executable on PATH "
            "or set TARGET_SALESFORCE_EXECUTABLE to its path."
        )
    if path.endswith(".dll"):
        # A framework-dependent build runs through the dotnet host.
        dotnet = shutil.which("dotnet")
        if not dotnet:
            _fail("TARGET_SALESFORCE_EXECUTABLE names a .dll but dotnet is not on PATH.")
        return [dotnet, path]
    return [path]


if __name__ == "__main__":
    command = _command()
    sys.stdout.flush()
    os.execvp(command[0], command + sys.argv[1:])
