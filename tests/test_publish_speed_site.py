"""Publishing the site on several cores, its QR codes with one fixed mask, and batched atomic writes."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import numpy as np
import pytest

from matterkit import atomic
from matterkit.publish import PublishResult, config_from_section, publish_all, site_pages
from matterkit.publish.config import validate_section
from matterkit.publish.site_pages import QR_MASK, qr_code
from test_publish_samples import STAMP, hostile, sample_county

BASE_URL = "https://zwfw.example.gov.cn/guides/"


def _publish(out: Path, jobs: int) -> PublishResult:
    return publish_all(sample_county() + [hostile()], out_dir=out, base_url=BASE_URL, formats=["html"],
                       stamp=STAMP, jobs=jobs)


def test_two_processes_write_the_same_site_as_one_file_for_file_and_in_the_same_order(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site_pages, "CHUNK", 2)  # the sample county's 8 guides become 4 chunks
    one = _publish(tmp_path / "one", jobs=1)
    two = _publish(tmp_path / "two", jobs=2)

    names = [p.relative_to(one.out_dir) for p in one.site_files]
    assert names == [p.relative_to(two.out_dir) for p in two.site_files]
    assert len(names) == 2 + 1 + one.guides  # assets, index, one page per guide
    for name in names:
        assert (one.out_dir / name).read_bytes() == (two.out_dir / name).read_bytes(), name
    assert not [p for p in (tmp_path / "two").rglob("*.tmp")]


def test_progress_reaches_every_guide_once_chunks_are_written(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(site_pages, "CHUNK", 3)
    seen: list[tuple[int, int]] = []
    result = publish_all(sample_county(), out_dir=tmp_path / "out", base_url=BASE_URL, formats=["html"],
                         stamp=STAMP, jobs=2, on_progress=lambda stage, done, total: seen.append((done, total)))
    assert seen[-1] == (result.guides, result.guides)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_every_qr_code_is_a_valid_code_of_its_guide_url_with_the_fixed_mask(tmp_path: Path) -> None:
    result = _publish(tmp_path / "out", jobs=1)
    site = result.out_dir / "guides"
    for path in result.site_files[3:]:
        url = f"{BASE_URL}{quote(path.relative_to(site).as_posix())}"
        code = qr_code(url)
        assert code.mask == QR_MASK and code.error in {"M", "Q", "H"} and not code.is_micro  # M or boosted
        assert code.svg_inline(scale=2, title=None) in path.read_text(encoding="utf-8")


def test_the_qr_codes_decode_to_their_guide_urls(tmp_path: Path) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    result = _publish(tmp_path / "out", jobs=1)
    site = result.out_dir / "guides"
    urls = [f"{BASE_URL}{quote(path.relative_to(site).as_posix())}" for path in result.site_files[3:]]
    urls.append(BASE_URL + quote("county/青山县人力资源和社会保障局/异地就业创业证申领减项（其他情形）.html"))
    for url in urls:
        modules = np.pad(np.array([list(row) for row in qr_code(url).matrix], dtype=np.uint8), 4)  # quiet zone
        image = np.where(modules > 0, 0, 255).astype(np.uint8).repeat(2, 0).repeat(2, 1)  # scale 2, as on the page

        found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)

        assert [symbol.text for symbol in found] == [url]


def test_jobs_in_matterkit_yaml_is_read_and_checked(tmp_path: Path) -> None:
    assert config_from_section({"jobs": 1}, tmp_path).jobs == 1
    assert config_from_section({}, tmp_path).jobs is None
    with pytest.raises(Exception, match="jobs"):
        validate_section({"jobs": 0}, config_path=tmp_path / "matterkit.yaml")


def test_a_batch_puts_nothing_under_a_final_name_before_it_ends(tmp_path: Path) -> None:
    target = tmp_path / "site" / "页面.html"
    with atomic.batch() as files:
        files.write_text(target, "新内容\n")
        files.write_bytes(tmp_path / "site" / "deeper" / "b.bin", b"\x00\x01")
        assert not target.exists()
    assert target.read_text(encoding="utf-8") == "新内容\n"
    assert (tmp_path / "site" / "deeper" / "b.bin").read_bytes() == b"\x00\x01"
    assert not list(tmp_path.rglob("*.tmp"))


def test_an_interrupted_batch_keeps_every_previous_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    first.write_text("旧 a", encoding="utf-8")
    second.write_text("旧 b", encoding="utf-8")

    with pytest.raises(KeyboardInterrupt), atomic.batch() as files:
        files.write_text(first, "新 a")
        files.write_text(second, "新 b")
        raise KeyboardInterrupt

    assert first.read_text(encoding="utf-8") == "旧 a" and second.read_text(encoding="utf-8") == "旧 b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.html", "b.html"]


def test_a_batch_replaces_files_and_keeps_newlines_as_given(tmp_path: Path) -> None:
    target = tmp_path / "index.html"
    target.write_text("old", encoding="utf-8")
    with atomic.batch() as files:
        files.write_text(target, "一\r\n二\n")
    assert target.read_bytes() == "一\r\n二\n".encode()
