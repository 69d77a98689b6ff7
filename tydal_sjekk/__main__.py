"""Allow ``python -m tydal_sjekk``."""

from tydal_sjekk.cli import main

if __name__ == "__main__":
    main()
