import sys

from portalfeed.cli import main

sys.exit(main())
