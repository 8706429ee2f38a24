"""``python -m extractor`` does what the ``peel-extract`` command does."""

import sys

from extractor.cli import main

if __name__ == "__main__":
    sys.exit(main())
