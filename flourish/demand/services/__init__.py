"""Every write demand makes: services and their contacts and notes, boards and proposals."""
