"""Plans and their execution: budget lines (planned, committed, actual) and reallocations,
campaign plans and their activities, and the reviews that compare them with results."""
