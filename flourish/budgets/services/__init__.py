"""Writes for personal budgets, one module per part: budgets, bookings, brokers, pools."""
