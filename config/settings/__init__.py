"""Settings by environment: base holds what every environment shares, read from environment variables."""
