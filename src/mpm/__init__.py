"""mpm: Marketing Performance Manager."""
