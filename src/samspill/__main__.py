import sys

from samspill.cli import main

sys.exit(main())
