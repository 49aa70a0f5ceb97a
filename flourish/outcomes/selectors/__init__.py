"""Every read in outcomes."""
