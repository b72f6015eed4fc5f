from portalfeed.cli import main
import sys
sys.exit(main())
