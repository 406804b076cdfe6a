"""The structured text of a local act (pure): sections, paragraphs and list items.

In the browser the text is edited as plain lines: "# Заголовок" starts a numbered section,
"- пункт" is a list item, an empty line separates paragraphs. Paragraphs are numbered "1.1.",
"1.2." within their section, as Russian regulations are."""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

KINDS = ("section", "para", "item")
MAX_BLOCKS = 2000
MAX_BLOCK_CHARS = 20_000


@dataclass(frozen=True)
class Block:
    """One section heading, paragraph or list item."""

    kind: str
    text: str

    def as_dict(self) -> dict:
        """JSON form kept in the database."""
        return {"kind": self.kind, "text": self.text}


def _clean(text: str) -> str:
    # Control characters other than tab break Word files and searches; runs of spaces are noise.
    text = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def parse_markup(text: str) -> list[Block]:
    """Plain lines → blocks (see the module docstring); never raises on odd input."""
    blocks: list[Block] = []
    para: list[str] = []

    def flush():
        if para:
            blocks.append(Block("para", _clean(" ".join(para))))
            para.clear()

    for line in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = line.strip()
        if not stripped:
            flush()
        elif stripped.startswith("#"):
            flush()
            blocks.append(Block("section", _clean(stripped.lstrip("#"))))
        elif re.match(r"^[-–—•]\s", stripped):
            flush()
            blocks.append(Block("item", _clean(stripped[1:])))
        else:
            para.append(stripped)
    flush()
    return [b for b in blocks if b.text]


def to_markup(blocks: list[Block]) -> str:
    """Blocks → the editable text (parse_markup(to_markup(b)) == b)."""
    lines: list[str] = []
    for b in blocks:
        if b.kind == "section":
            lines += ["", f"# {b.text}", ""]
        elif b.kind == "item":
            lines.append(f"- {b.text}")
        else:
            lines += ["", b.text, ""]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def from_json(data: list[dict]) -> list[Block]:
    """Blocks from their stored JSON."""
    return [Block(d["kind"], d["text"]) for d in data]


def validate(blocks: list[Block]) -> list[str]:
    """Problems that stop a version from being saved, in Russian (empty list: fine)."""
    problems = []
    if not any(b.kind != "section" for b in blocks):
        problems.append("Текст акта пуст.")
    if len(blocks) > MAX_BLOCKS:
        problems.append(f"Слишком много абзацев (больше {MAX_BLOCKS}).")
    if any(len(b.text) > MAX_BLOCK_CHARS for b in blocks):
        problems.append(f"Абзац длиннее {MAX_BLOCK_CHARS} символов.")
    return problems


def content_hash(title: str, blocks: list[Block]) -> str:
    """SHA-256 of the title and blocks in canonical JSON: equal text, equal hash."""
    payload = json.dumps({"title": title, "blocks": [b.as_dict() for b in blocks]},
                         ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def numbered(blocks: list[Block]) -> list[tuple[str, Block]]:
    """Each block with its number: "1." for sections, "1.1." for paragraphs, "" for items."""
    out: list[tuple[str, Block]] = []
    section = para = 0
    for b in blocks:
        if b.kind == "section":
            section, para = section + 1, 0
            out.append((f"{section}.", b))
        elif b.kind == "para":
            para += 1
            out.append((f"{section}.{para}." if section else f"{para}.", b))
        else:
            out.append(("", b))
    return out
