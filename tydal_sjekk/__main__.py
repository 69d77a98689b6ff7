"""Allow ``python -m tydal_sjekk``."""

from tydal_sjekk.entry import main

if __name__ == "__main__":
    main()
