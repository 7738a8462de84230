"""Watch mode, one cycle at a time: rebuild on change, survive a broken save, keep the last good PDF."""

from report.cli import main
from report.watch import Watcher


def test_rebuilds_on_change_and_survives_a_broken_save(project, tmp_path):
    out = tmp_path / "out"
    watcher = Watcher(project, out, ["screen"])
    cycles = watcher.cycles(interval=0.01, stop=lambda: False)
    first = next(cycles)
    assert first.error is None
    pdf = out / "jahresrueckblick-2017-screen.pdf"
    good = pdf.read_bytes()
    assert not watcher.changed()

    section = project / "sections" / "04-aussenwirtschaftstag.yaml"
    text = section.read_text(encoding="utf-8")
    section.write_text(text.replace("kind: text", "kind: [text"), encoding="utf-8")  # a half-typed save
    broken = next(cycles)
    assert broken.error is not None and "04-aussenwirtschaftstag.yaml" in str(broken.error)
    assert pdf.read_bytes() == good  # the last good PDF stays

    section.write_text(text.replace("Bereits im März", "Schon im März"), encoding="utf-8")
    fixed = next(cycles)
    assert fixed.error is None
    assert pdf.read_bytes() != good


def test_watch_command_is_documented(capsys):
    try:
        main(["watch", "--help"])
    except SystemExit as exc:
        assert exc.code == 0
    assert "rebuild" in capsys.readouterr().out
