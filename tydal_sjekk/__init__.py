"""tydal-sjekk: check social media posts against Tydal kommune's guidelines before posting."""

__version__ = "0.1.0"
