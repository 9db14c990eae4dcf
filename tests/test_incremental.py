"""Incremental `diarium build`: nothing changed → nothing written; one file changed → only the
pages it affects are rendered; and the output is always byte-identical to a clean build."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import BuildOptions, build

MEETING = "socialnamnden/2012-12-11"


def _options(site: Path, out: Path, **extra) -> BuildOptions:
    return BuildOptions(content=site / "content", config=site / "config.yaml", out=out, search=False, jobs=1, **extra)


def _inodes(out: Path) -> dict[str, tuple]:
    return {p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in out.rglob("*") if p.is_file()}


def _rendered(site: Path, out: Path) -> set[str]:
    """Build again; the HTML pages that were written anew (unchanged ones are carried over)."""
    return {rel for rel in _written(site, out) if rel.endswith(".html")}


def _written(site: Path, out: Path) -> set[str]:
    """Build again; the files that were written anew (unchanged ones are carried over)."""
    before = _inodes(out)
    build(_options(site, out))
    return {rel for rel, stamp in _inodes(out).items() if before.get(rel) != stamp}


def _same_as_clean_build(site: Path, out: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    build(_options(site, clean, incremental=False))
    ours, theirs = sorted(_inodes(out)), sorted(_inodes(clean))
    assert ours == theirs
    assert [r for r in ours if (out / r).read_bytes() != (clean / r).read_bytes()] == []


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unchanged_build_writes_nothing(site_dir: Path, tmp_path: Path):
    out = tmp_path / "site"
    first = build(_options(site_dir, out))
    folder, before = out.stat().st_ino, _inodes(out)
    again = build(_options(site_dir, out))
    assert (out.stat().st_ino, _inodes(out)) == (folder, before)  # not even swapped
    assert again.pages == first.pages and again.warnings == first.warnings


def test_title_edit_renders_the_pages_that_show_it(site_dir: Path, tmp_path: Path):
    out = tmp_path / "site"
    build(_options(site_dir, out))
    _edit(site_dir / "content" / MEETING / "02" / "item.md", "title: \"Ombyggnad:", "title: \"Ändrad ombyggnad:")
    assert _rendered(site_dir, out) == {
        f"{MEETING}/index.html",  # the agenda
        f"{MEETING}/02/index.html", f"{MEETING}/02/bilaga-1/index.html",  # the item and its document page
        f"{MEETING}/01/index.html", f"{MEETING}/03/index.html",  # previous / next item links
        "arende/sn-2012-195/index.html", "arende/sn-2011-118/index.html",  # cases listing the item
        "arende/index.html",  # the case index shows the subject of SN 2012:195
    }
    _same_as_clean_build(site_dir, out, tmp_path)


def test_title_edit_makes_only_the_index_files_that_show_it(site_dir: Path, tmp_path: Path):
    """Feeds, calendars and data files are made again when what they show changed, else kept."""
    out = tmp_path / "site"
    build(_options(site_dir, out))
    feeds = {r for r in _inodes(out) if r.endswith("feed.xml")}
    _edit(site_dir / "content" / MEETING / "02" / "item.md", "title: \"Ombyggnad:", "title: \"Ändrad ombyggnad:")
    written = _written(site_dir, out)
    assert {"feed.xml", "socialnamnden/feed.xml", "arende/sn-2012-195/feed.xml", "kalender.ics",
            f"{MEETING}/kalender.ics", "data/items.json", "data/items.csv"} <= written
    assert not written & {"sitemap.xml", "robots.txt", "data/meetings.json", "data/votes.json", "data/people.json"}
    assert feeds - written, "every feed made again"
    _same_as_clean_build(site_dir, out, tmp_path)


def test_text_edit_renders_only_its_page(site_dir: Path, tmp_path: Path):
    out = tmp_path / "site"
    build(_options(site_dir, out))
    _edit(site_dir / "content" / MEETING / "02" / "item.md", "## Bakgrund", "## Bakgrund och syfte")
    assert _rendered(site_dir, out) == {f"{MEETING}/02/index.html"}
    _same_as_clean_build(site_dir, out, tmp_path)


def test_added_and_deleted_items(site_dir: Path, tmp_path: Path):
    out = tmp_path / "site"
    build(_options(site_dir, out))
    meeting = site_dir / "content" / MEETING
    shutil.copytree(meeting / "03", meeting / "04")
    _edit(meeting / "04" / "item.md", "number: 3", "number: 4")
    assert {f"{MEETING}/04/index.html", f"{MEETING}/03/index.html"} <= _rendered(site_dir, out)
    shutil.rmtree(meeting / "02")
    build(_options(site_dir, out))
    assert not (out / MEETING / "02").exists()
    _same_as_clean_build(site_dir, out, tmp_path)


def test_template_edit_renders_the_pages_using_it(site_dir: Path, tmp_path: Path):
    own = site_dir / "own-templates"
    own.mkdir()
    bundled = Path(__file__).resolve().parent.parent / "templates" / "document.html"
    shutil.copyfile(bundled, own / "document.html")
    _edit(site_dir / "config.yaml", "title:", "templates: own-templates\ntitle:")
    out = tmp_path / "site"
    build(_options(site_dir, out))
    _edit(own / "document.html", "{% block main %}", "{% block main %}<p>Egen mall</p>")
    assert _rendered(site_dir, out) == {f"{MEETING}/02/bilaga-1/index.html", "dokument/budgetplan-2013/index.html"}
    _same_as_clean_build(site_dir, out, tmp_path)


def test_failed_build_leaves_site_and_cache_alone(site_dir: Path, tmp_path: Path):
    out = tmp_path / "site"
    build(_options(site_dir, out))
    before = _inodes(out)
    item = site_dir / "content" / MEETING / "02" / "item.md"
    _edit(item, "number: 2", "number: [2")
    try:
        build(_options(site_dir, out))
    except Exception as exc:  # ContentError, with file and line
        assert "item.md:" in str(exc)
    else:
        raise AssertionError("the build should have failed")
    assert _inodes(out) == before
    _edit(item, "number: [2", "number: 2")
    build(_options(site_dir, out))
    _same_as_clean_build(site_dir, out, tmp_path)


def test_preview_patches_match_a_clean_build(site_dir: Path, tmp_path: Path):
    """The preview patches its loaded site in place; after each kind of change its pages (and,
    once refreshed, its whole-site files) are exactly those of a clean build."""
    from generator.serve.preview import Preview
    _edit(site_dir / "config.yaml", "title:", "show_import_warnings: true\ntitle:")  # as the preview always does
    out = tmp_path / "preview"
    preview = Preview(_options(site_dir, out, drafts=True, base_url="/"), tmp_path / "state")
    assert not preview.rebuild().failed
    meeting = site_dir / "content" / MEETING

    def check(*changed: Path, pages: set[str] | None = None) -> None:
        outcome = preview.rebuild({p.resolve() for p in changed})
        assert not outcome.failed, outcome.problems
        if pages is not None:
            assert set(outcome.urls) == pages
        preview.write_indexes()
        clean = tmp_path / "clean"
        shutil.rmtree(clean, ignore_errors=True)
        build(_options(site_dir, clean, drafts=True, base_url="/", incremental=False))
        assert sorted(_inodes(out)) == sorted(_inodes(clean))
        assert [r for r in _inodes(out) if (out / r).read_bytes() != (clean / r).read_bytes()] == []

    _edit(meeting / "02" / "item.md", "## Bakgrund", "## Bakgrund och syfte")
    check(meeting / "02" / "item.md", pages={f"/{MEETING}/02/"})
    _edit(meeting / "02" / "item.md", "[SN 2012:195]", "[SN 2012:195, KS 2020:1]")
    check(meeting / "02" / "item.md")
    shutil.copytree(meeting / "03", meeting / "04")
    _edit(meeting / "04" / "item.md", "number: 3", "number: 4")
    check(meeting / "04")
    shutil.rmtree(meeting / "02")
    check(meeting / "02")
    _edit(meeting / "meeting.md", "date: 2012-12-11", "date: 2012-12-12")
    check(meeting / "meeting.md")


def _own_templates(site: Path) -> Path:
    """A site template folder (config ``templates``), holding a copy of the Swedish UI strings."""
    own = site / "own-templates"
    (own / "i18n").mkdir(parents=True)
    shutil.copyfile(Path(__file__).resolve().parent.parent / "templates" / "i18n" / "sv.yaml", own / "i18n" / "sv.yaml")
    _edit(site / "config.yaml", "title:", "templates: own-templates\ntitle:")
    return own


@pytest.mark.parametrize("change", ["config", "committee", "strings", "document", "draft on", "draft off"])
def test_whole_site_edits_give_a_clean_build(site_dir: Path, tmp_path: Path, change: str):
    """Edits that do not belong to one meeting: the pages they show on are rendered again (the
    page named with each) and the output is that of a clean build."""
    content, own = site_dir / "content", _own_templates(site_dir)
    out = tmp_path / "site"
    build(_options(site_dir, out))
    edits = {
        "config": (site_dir / "config.yaml", "title: Testkommunens nämnder", "title: Testkommunens organ",
                   f"{MEETING}/02/index.html"),
        "committee": (content / "socialnamnden" / "committee.md", "name: Socialnämnden", "name: Sociala nämnden",
                      f"{MEETING}/index.html"),
        "strings": (own / "i18n" / "sv.yaml", "skip_to_content: Hoppa till innehållet",
                    "skip_to_content: Gå direkt till innehållet", "index.html"),
        "document": (content / "documents" / "budgetplan-2013.md", "## Inledning", "## Inledning och syfte",
                     "dokument/budgetplan-2013/index.html"),
        "draft on": (content / "documents" / "budgetplan-2013.md", "date: 2012-11-28", "draft: true\ndate: 2012-11-28",
                     "dokument/index.html"),
        "draft off": (content / "documents" / "utkast.md", "draft: true", "draft: false", "dokument/utkast/index.html"),
    }
    path, old, new, page = edits[change]
    _edit(path, old, new)
    assert page in _rendered(site_dir, out)
    _same_as_clean_build(site_dir, out, tmp_path)


def test_one_edit_saves_one_bucket_of_the_parse_cache(site_dir: Path, tmp_path: Path):
    out = tmp_path / "site"
    build(_options(site_dir, out))
    [records] = (tmp_path / ".diarium-cache").rglob("records-*")
    before = {p.name: p.stat().st_mtime_ns for p in records.iterdir()}
    assert len(before) == 64
    _edit(site_dir / "content" / MEETING / "02" / "item.md", "title: \"Ombyggnad:", "title: \"Ändrad ombyggnad:")
    build(_options(site_dir, out))
    after = {p.name: p.stat().st_mtime_ns for p in records.iterdir()}
    assert len([name for name in after if after[name] != before[name]]) == 1
    _same_as_clean_build(site_dir, out, tmp_path)


def test_minutes_edits_render_the_pages_that_show_them(minutes_dir: Path, tmp_path: Path):
    meeting = "byggnadsnamnden/2025-02-03"
    out = tmp_path / "site"
    build(_options(minutes_dir, out))
    folder = minutes_dir / "content" / meeting
    _edit(folder / "paragraf-10" / "paragraph.md", "antar detaljplanen", "antar den ändrade detaljplanen")
    assert _rendered(minutes_dir, out) == {
        f"{meeting}/index.html",  # the whole minutes
        f"{meeting}/paragraf-10/index.html", f"{meeting}/01/index.html",  # the paragraph, the item it decided
    }
    _same_as_clean_build(minutes_dir, out, tmp_path)
    _edit(folder / "protokoll.md", "date: 2025-02-07", "date: 2025-02-10")  # adjustment: in every status line
    assert {f"{meeting}/paragraf-{n}/index.html" for n in range(10, 15)} <= _rendered(minutes_dir, out)
    _same_as_clean_build(minutes_dir, out, tmp_path)
    _edit(folder / "02" / "item.md", "title: Taxa för bygglov 2025", "title: Taxa för bygglov")  # no longer tied
    assert f"{meeting}/paragraf-11/index.html" in _rendered(minutes_dir, out)
    _same_as_clean_build(minutes_dir, out, tmp_path)
    (folder / "protokoll.md").unlink()  # back to a notice only
    shutil.rmtree(folder / "paragraf-12")
    build(_options(minutes_dir, out))
    _same_as_clean_build(minutes_dir, out, tmp_path)


def test_preview_patches_minutes_like_a_clean_build(minutes_dir: Path, tmp_path: Path):
    from generator.serve.preview import Preview
    _edit(minutes_dir / "config.yaml", "title:", "show_import_warnings: true\ntitle:")  # as the preview always does
    out = tmp_path / "preview"
    preview = Preview(_options(minutes_dir, out, drafts=True, base_url="/"), tmp_path / "state")
    assert not preview.rebuild().failed
    folder = minutes_dir / "content" / "byggnadsnamnden/2025-02-03"
    _edit(folder / "paragraf-10" / "paragraph.md", "[BN 2025:1]", "[BN 2025:9]")
    assert not preview.rebuild({(folder / "paragraf-10" / "paragraph.md").resolve()}).failed
    preview.write_indexes()
    clean = tmp_path / "clean"
    build(_options(minutes_dir, clean, drafts=True, base_url="/", incremental=False))
    assert sorted(_inodes(out)) == sorted(_inodes(clean))
    assert [r for r in _inodes(out) if (out / r).read_bytes() != (clean / r).read_bytes()] == []
