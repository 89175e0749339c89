"""The executable in scripts/ becomes the wheel's `.data/scripts/` entry, which pip installs into the
environment's bin/ (Scripts/ on Windows) exactly as it is. See packaging/python/build-wheel."""

import os

from setuptools import setup
# setuptools carries its own distutils; importing setuptools first makes this import resolve to it.
from distutils.command.build_scripts import build_scripts


class CopyNativeScripts(build_scripts):
    """The stock command opens each script as Python source to rewrite its #! line, which a native
    executable does not have; this one copies the file byte for byte, keeping its executable mode."""

    def copy_scripts(self):
        self.mkpath(self.build_dir)
        copied = []
        for script in self.scripts:
            target = os.path.join(self.build_dir, os.path.basename(script))
            self.copy_file(script, target)
            copied.append(target)
        return copied, copied


setup(
    scripts=[os.path.join("scripts", name) for name in sorted(os.listdir("scripts"))],
    cmdclass={"build_scripts": CopyNativeScripts},
)
