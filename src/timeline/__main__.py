"""`python -m timeline` runs the command line."""

from timeline._cli import main

raise SystemExit(main())
