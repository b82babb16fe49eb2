"""The dock widget: settings form, background run, results table, date and time."""
