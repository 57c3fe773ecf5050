"""Personal data in reporting: none. The app has no models; it reads counts through the other
apps' selectors and publishes them only after small-count suppression (core/suppression.py),
so there is nothing to register, keep, export or erase here."""
