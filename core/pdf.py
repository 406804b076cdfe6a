"""Word → PDF through LibreOffice headless, when it is installed.

Each conversion gets its own LibreOffice profile directory: concurrent conversions on one profile
lose documents (measured on this kind of machine)."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_S = 120


def soffice_path() -> str | None:
    """The LibreOffice binary, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(data: bytes) -> bytes | None:
    """The PDF of a .docx, or None when LibreOffice is not installed. Raises RuntimeError when
    LibreOffice is there but fails."""
    binary = soffice_path()
    if binary is None:
        return None
    with tempfile.TemporaryDirectory(prefix="reglament-pdf-") as tmp:
        work = Path(tmp)
        (work / "doc.docx").write_bytes(data)
        profile = (work / "profile").as_uri()
        result = subprocess.run(
            [binary, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(work), str(work / "doc.docx")],
            capture_output=True, timeout=TIMEOUT_S, check=False)
        pdf = work / "doc.pdf"
        if result.returncode != 0 or not pdf.exists():
            raise RuntimeError(f"LibreOffice не смог создать PDF: {result.stderr.decode(errors='replace')[:300]}")
        return pdf.read_bytes()
