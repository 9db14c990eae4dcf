"""Issue #13: the preview server refuses DNS rebinding and over-long URLs without a traceback,
and survives any sequence of saves, broken ones included (points 7 and 13)."""
from __future__ import annotations

import http.client
import time
from pathlib import Path

from test_serve import MEETING, Preview, edit, eventually


def request(preview: Preview, target: str, host: str | None = None) -> int:
    address, port = preview.url.split("//")[1].rstrip("/").split(":")
    connection = http.client.HTTPConnection(address, int(port), timeout=10)
    try:
        connection.putrequest("GET", target, skip_host=host is not None, skip_accept_encoding=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        return connection.getresponse().status
    finally:
        connection.close()


def test_only_loopback_host_names_and_no_traceback_on_a_long_url(site_dir: Path):
    preview = Preview(site_dir)
    try:
        port = preview.url.rstrip("/").rsplit(":", 1)[1]
        assert request(preview, "/", f"evil.example:{port}") == 421
        assert request(preview, "/", "evil.example") == 421
        assert request(preview, "/", f"127.0.0.1.nip.io:{port}") == 421
        assert request(preview, "/") == 200
        for ok in (f"localhost:{port}", f"127.0.0.1:{port}", "localhost", f"app.localhost:{port}"):
            assert request(preview, "/", ok) == 200, ok
        assert request(preview, "/" + "a" * 6000) == 414
        assert request(preview, "/" + "a/" * 1000) == 404  # long, but within bounds: just missing
        assert request(preview, "/") == 200  # still serving
        assert preview.proc.poll() is None
        assert not any("Traceback" in line for line in preview.output), "".join(preview.output)
    finally:
        preview.stop()


def test_the_preview_survives_broken_saves_right_after_start(site_dir: Path):
    meeting = site_dir / "content" / MEETING / "meeting.md"
    preview = Preview(site_dir)
    try:
        for bad in ("2012-13-45", "0000-01-01", "2012-02-30"):
            edit(meeting, "date: 2012-12-11", f"date: {bad}")
            time.sleep(0.5)  # past the idle time after which the background indexer starts
            edit(meeting, f"date: {bad}", "date: 2012-12-11")
            time.sleep(0.5)
        edit(meeting, "place: Kommunhuset", "place: Rådhuset")
        eventually(lambda: "Rådhuset" in preview.get(f"/{MEETING}/")[1], "the valid save to show")
        eventually(lambda: "Rådhuset" in preview.get("/data/meetings.json")[1], "the data files to be refreshed")
        assert preview.proc.poll() is None, "".join(preview.output)
        assert not any("Traceback" in line for line in preview.output), "".join(preview.output)
    finally:
        preview.stop()


def test_a_background_indexer_that_dies_does_not_take_the_preview_along(tmp_path: Path):
    import pickle

    from generator.serve.indexer import Indexer

    class Broken:  # a snapshot without a site: the child fails at once
        index_files = None

        def index_job(self) -> bytes:
            return pickle.dumps((None, None, tmp_path, None))

    indexer = Indexer(Broken(), search=False)
    indexer.start()
    eventually(lambda: not indexer.child.is_alive(), "the child to end")
    assert not indexer.busy()  # collected without an EOFError
    assert Broken.index_files is None
