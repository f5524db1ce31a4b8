"""No process is forked while other threads are alive (Python 3.12+ warns: it can deadlock).

Python 3.11 does not warn, so the build runs in a fresh interpreter with a hook at every
``os.fork()`` that notes which threads were alive then. A cold build of the sample site
with everything that starts processes or threads: the image pool, forked rendering, the
search index in the background and precompressed copies.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from conftest import ROOT, SAMPLE_CONTENT

SCRIPT = textwrap.dedent(
    """
    import json, os, sys, threading
    from pathlib import Path

    forks, unsafe = [], []

    def before_fork():
        alive = [t.name for t in threading.enumerate() if t is not threading.current_thread()]
        forks.append(os.getpid())
        if alive:
            unsafe.append(alive)

    os.register_at_fork(before=before_fork)

    from tinhoi.sitebuild.driver import build

    root, content, tmp = (Path(arg) for arg in sys.argv[1:4])
    result = build(
        root / "publishconf.py",
        overrides={
            "PATH": str(content),
            "OUTPUT_PATH": str(tmp / "output"),
            "CACHE_PATH": str(tmp / "cache"),
            "MEDIA": {"cache_dir": str(tmp / "media"), "workers": 2},
            "CROSSPOST": {"plan": False},
            "PRECOMPRESS": True,
        },
    )
    print(json.dumps({"ok": result.ok, "forks": len(forks), "unsafe": unsafe}))
    """
)


def test_a_build_never_forks_while_other_threads_run(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(ROOT), str(SAMPLE_CONTENT), str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT / "plugins"), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["ok"]
    assert report["forks"] > 0  # the build did fork: the check had something to check
    assert report["unsafe"] == []
    assert (tmp_path / "output" / "pagefind" / "bundles.json").is_file()
    assert (tmp_path / "output" / "index.html.gz").is_file()
