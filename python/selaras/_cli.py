"""The ``selaras`` command installed with the Python package: the same command line as the
Rust binary, compiled into the extension module."""

import sys

from ._selaras import main as _main


def main() -> None:
    """Run the command line with this process's arguments and exit with its code."""
    sys.stdout.flush()
    sys.exit(_main(sys.argv))


if __name__ == "__main__":
    main()
