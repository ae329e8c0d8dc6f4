"""Bad input: every refusal is one InputError line naming the file and the fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from datelines.errors import InputError
from datelines.ingest import read

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def refusal(path: Path, **options: object) -> str:
    with pytest.raises(InputError) as caught:
        read(path, **options)  # type: ignore[arg-type]
    message = str(caught.value)
    assert message.startswith(f"cannot read '{path}': ")
    assert "\n" not in message and "; " in message  # one line: problem; fix
    return message


def test_missing_path(tmp_path: Path) -> None:
    message = refusal(tmp_path / "nowhere.txt")
    assert "no such file" in message and "check the path" in message


def test_directory(tmp_path: Path) -> None:
    message = refusal(tmp_path)
    assert "it is a directory" in message and "*.txt" in message


@pytest.mark.parametrize("content", [b"", b"   \n\n\t \r\n"])
def test_empty_or_whitespace_only_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert "it is empty" in refusal(path)


def test_front_matter_without_text(tmp_path: Path) -> None:
    path = tmp_path / "meta-only.md"
    path.write_text("---\ntitle: Nothing Here\n---\n\n\u00a0\n", encoding="utf-8")
    assert "front matter but no text" in refusal(path)


def test_unclosed_and_invalid_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "open.md"
    path.write_text(
        "---\ntitle: Never closed\n\nSome text in 1965.\n", encoding="utf-8"
    )
    assert "never closes" in refusal(path)
    path.write_text("---\ntitle: [unbalanced\n---\nText.\n", encoding="utf-8")
    assert "not valid YAML" in refusal(path)


def test_binary_with_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "data.txt"
    path.write_bytes(bytes(range(256)) * 8)
    message = refusal(path)
    assert "binary" in message and "save it as .txt" in message


@pytest.mark.parametrize(
    ("name", "head", "what"),
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n", "a PNG image"),
        ("report.docx", b"PK\x03\x04", "a ZIP container"),
        ("notes.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office"),
    ],
)
def test_known_binary_signatures(
    tmp_path: Path, name: str, head: bytes, what: str
) -> None:
    path = tmp_path / name
    path.write_bytes(head + b"\x00\x01\x02 filler " * 20)
    assert what in refusal(path)


def test_legacy_encoding_is_accepted_with_a_warning(tmp_path: Path) -> None:
    words = (
        "The \u201cnew\u201d council\u2019s members met in Paris in 1981, and the "
        "caf\u00e9 owner remembered them for years. "
    )
    path = tmp_path / "legacy.txt"
    path.write_bytes((words * 4).encode("cp1252"))
    document = read(path)
    assert document.source.encoding == "cp1252"
    assert "council's members" in document.text  # normalized from the decoded quote
    assert "\u2019" in document.original
    warning = document.source.extra["warning"]
    assert "legacy.txt" in warning and "not UTF-8" in warning and "cp1252" in warning


def test_utf16_with_byte_order_mark_is_text(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("In 1965 the group was founded.\n".encode("utf-16"))
    document = read(path)
    assert document.text == "In 1965 the group was founded."
    assert (
        document.source.encoding == "utf-16" and "warning" not in document.source.extra
    )


def test_control_characters_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(
        b"text\x01\x02\x03\x04\x05\x06\x07\x08 more\x0e\x0f\x10\x11\x12" * 10
    )
    assert "binary" in refusal(path)


def test_html_with_only_scripts() -> None:
    message = refusal(FIXTURES / "scripts-only.html")
    assert "no main text" in message and "printable version" in message


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("In 1965 it began. " * 100, encoding="utf-8")
    message = refusal(path, max_bytes=1000)
    assert "1,800 bytes, over the 1,000-byte limit" in message
    assert "split it" in message and "--max-bytes" in message
    assert read(path, max_bytes=2000).text.startswith("In 1965")
