"""The demo site in a throw-away database, for the checks in bin/ (check-html, lighthouse).

Never the database that `make run` uses: each check builds the demo anew in an SQLite file in
a temporary folder of its own, which it removes when it is done.
"""

import contextlib
import os
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[1]


def scratch_folder(prefix):
    """A new temporary folder for one check (the caller removes it)."""
    return Path(tempfile.mkdtemp(prefix=prefix))


def setup_django(scratch, *, settings="website.settings.test", use_database=False):
    """Set Django up with `settings` and, unless `use_database`, a fresh SQLite database in the
    folder `scratch`."""
    sys.path.insert(0, str(BASE_DIR))
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    if not use_database:
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch / 'db.sqlite3'}"
    import django  # noqa: PLC0415 - after the environment is set

    django.setup()


def build_demo(name):
    """The schema and the demo content (`load_demo`), quietly; `name` introduces the message."""
    from django.core.management import call_command  # noqa: PLC0415

    print(f"{name}: building the demo in a fresh database …", flush=True)
    # modeltranslation's migrate hook prints with print(): quiet too.
    with open(os.devnull, "w") as quiet, contextlib.redirect_stdout(quiet):
        call_command("migrate", interactive=False, verbosity=0, stdout=quiet)
        call_command("load_demo", stdout=quiet)
