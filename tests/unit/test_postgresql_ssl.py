"""PostgreSQL: encryption at rest is the server's; IOPdesk honours sslmode=require in the URL."""

import pytest

from iopdesk.errors import DatabaseProblem
from iopdesk.services.store import open_clinic

pytestmark = pytest.mark.postgres


def test_sslmode_require_refuses_a_server_without_tls(postgres_url, tmp_path):
    # The test server has no TLS: with sslmode=require the connection must be refused, in a
    # sentence, rather than silently made in the clear.
    with pytest.raises(DatabaseProblem, match=r"could not be opened.*SSL"):
        open_clinic(tmp_path, database_url=f"{postgres_url}?sslmode=require")
