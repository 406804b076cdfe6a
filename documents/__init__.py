"""Local acts, versions, orders, acquaintance and site publication."""
