from netrack.cli import main

raise SystemExit(main())
