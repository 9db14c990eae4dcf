"""HTML validity with the Nu Html Checker (the npm package ``vnu-jar``, run with the machine's Java).

The checker is optional: where it or Java is missing, this part is skipped and the report says so.
It is looked for at ``$DIARIUM_VNU_JAR``, then in ``node_modules`` or ``.tools/node_modules``
(``npm install --prefix .tools vnu-jar``) of the current folder and of diarium's own folder.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

JAR = Path("node_modules/vnu-jar/build/dist/vnu.jar")
HOME = Path(__file__).resolve().parents[2]
TIMEOUT = 900  # seconds; a very large site


@dataclass
class Invalid:
    page: str  # output file relative to the site folder
    line: int
    message: str


def find_checker() -> tuple[list[str] | None, str]:
    """The command that runs the checker, or None and why it cannot run."""
    java = shutil.which("java")
    candidates = [Path(os.environ["DIARIUM_VNU_JAR"])] if os.environ.get("DIARIUM_VNU_JAR") else []
    candidates += [base / prefix / JAR for base in (Path.cwd(), HOME) for prefix in (".", ".tools")]
    jar = next((c for c in candidates if c.is_file()), None)
    if jar is None:
        return None, "skipped: the Nu Html Checker is not installed (npm install --prefix .tools vnu-jar)"
    if java is None:
        return None, "skipped: Java is not installed, which the Nu Html Checker needs"
    return [java, "-Xss2m", "-jar", str(jar)], f"checked with {jar}"


def validate(site_dir: Path, command: list[str], progress: Callable[[int], None] | None = None) -> list[Invalid]:
    """Every HTML error the checker finds in the site's pages; ``progress`` is told the number of
    pages checked so far (the checker names each page it starts on stdout with --verbose)."""
    with subprocess.Popen([*command, "--verbose", "--errors-only", "--format", "json", "--skip-non-html",
                           str(site_dir)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as checker:
        report: list[str] = []  # read beside stdout: a full stderr pipe would stall the checker
        reader = threading.Thread(target=lambda: report.append(checker.stderr.read()), daemon=True)  # type: ignore[union-attr]
        reader.start()
        timer = threading.Timer(TIMEOUT, checker.kill)
        timer.start()
        try:
            for checked, _ in enumerate(checker.stdout, 1):  # type: ignore[arg-type]
                if progress:
                    progress(checked)
            reader.join()
        finally:
            timer.cancel()
    output = "".join(report)
    try:
        messages = json.loads(output or "{}").get("messages", [])
    except json.JSONDecodeError:
        return [Invalid("", 0, f"the Nu Html Checker failed: {output[:500]}")]
    root = site_dir.resolve().as_posix()
    return [Invalid(_relative(m.get("url", ""), root), m.get("lastLine", 0), m.get("message", ""))
            for m in messages if m.get("type") in ("error", "non-document-error")]


def _relative(url: str, root: str) -> str:
    path = unquote(urlsplit(url).path)
    return path[len(root):].lstrip("/") if path.startswith(root) else path
