"""Mage destination that hands the run to the target-salesforce executable.

Mage starts destinations as `python3 <module>/__init__.py <flags>`; this module replaces its own
process with target-salesforce and the very same flags, so Mage sees the target's exit code,
stdout (state and JSON log lines) and stderr unchanged.
"""
import os
import shutil
import sys


def _command():
    configured = os.environ.get("TARGET_SALESFORCE_EXECUTABLE")
    path = configured or shutil.which("target-salesforce")
    if not path:
        sys.stderr.write(
            "ERROR target-salesforce was not found: put the executable on PATH "
            "or set TARGET_SALESFORCE_EXECUTABLE to its path.\n"
        )
        sys.exit(1)
    if path.endswith(".dll"):
        # A framework-dependent build runs through the dotnet host.
        return [shutil.which("dotnet") or "dotnet", path]
    return [path]


if __name__ == "__main__":
    command = _command()
    sys.stdout.flush()
    os.execvp(command[0], command + sys.argv[1:])
