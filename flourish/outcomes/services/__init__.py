"""Every write in outcomes."""
