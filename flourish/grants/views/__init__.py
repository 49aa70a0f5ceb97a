"""Pages for grants: applying (applicants), reviewing (funders), open data (everyone)."""
