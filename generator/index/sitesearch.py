"""The site's search index: Pagefind run over the finished output folder.

Pagefind indexes only what the record templates mark with ``data-pagefind-body`` (see
templates/search-data.html for the filters and metadata) and writes its bundle to ``pagefind/``.
The binary comes from the ``pagefind[bin]`` wheel; nothing is downloaded.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from pagefind.service import get_executable

from generator.problems import ContentError, Problem
from generator.write import Output


def index_site(folder: Path) -> None:
    """Write the Pagefind bundle to ``folder/pagefind/``, replacing an earlier one whole (Pagefind
    itself would leave the old chunks beside the new when the preview is indexed again).
    Raises ContentError when Pagefind fails."""
    binary = get_executable()
    if binary is None:
        raise ContentError([Problem("pagefind", 0, "", "the Pagefind binary is missing (pip install 'pagefind[bin]')")])
    with Output(folder / "pagefind") as bundle:
        result = subprocess.run([str(binary), "--site", str(folder), "--output-path", str(bundle.tmp), "--silent"],
                                capture_output=True, text=True)
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines() or [f"exit status {result.returncode}"]
            raise ContentError([Problem("pagefind", 0, "", f"search indexing failed: {detail[-1]}")])
        bundle.commit()
