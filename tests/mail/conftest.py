from tests.mail.smtp_server import smtp_server, smtp_settings  # noqa: F401 - fixtures
