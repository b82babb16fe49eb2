"""The dock widget: settings form, background run, results table and time of week."""
