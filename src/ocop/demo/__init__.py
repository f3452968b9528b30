"""The Ninh Thuận demo data and the site setup commands (`ocop up`, `ocop load_demo`) that load it."""
