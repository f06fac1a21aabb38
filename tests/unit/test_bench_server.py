"""``iopdesk bench --database``: the demo clinic moved to the server once, then each screen
timed there and compared with the clinic file."""

import pytest

from iopdesk.bench import server
from iopdesk.bench.runner import all_cases, measure_scale

pytestmark = pytest.mark.postgres


def test_the_demo_clinic_is_moved_once_and_timed_on_the_server(demo_dir, postgres_url, tmp_path):
    said = []
    url = server.server_clinic(tmp_path, demo_dir, "small", postgres_url, said.append)
    assert url.endswith("_small") and said[0].startswith("Moving the small demo clinic")
    assert server.server_clinic(tmp_path, demo_dir, "small", postgres_url, said.append) == url
    assert len(said) == 1  # the second time it is reused
    cases = [c for c in all_cases() if c.name in ("sign in (password check)",)] or all_cases()[:1]
    on_server = measure_scale(tmp_path, cases, url)
    assert all(ms > 0 for ms, _floor in on_server.values())
    lines = []
    ok = server.compare(cases, {"small": on_server}, {"small": on_server}, lines.append)
    assert ok and "ratio" in lines[1] and lines[2].rstrip().endswith("ok")
