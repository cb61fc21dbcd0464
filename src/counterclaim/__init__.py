"""counterclaim: an auditable ledger of who claims what, through whom, in conflict news."""

__version__ = "0.1.0"
