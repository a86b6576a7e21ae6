"""The formulation document is generated from the model's docstrings."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_model_doc_is_up_to_date():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "model_doc.py"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
