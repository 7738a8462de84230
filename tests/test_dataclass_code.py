"""The dataclasses' methods compiled once (dataclass_code.py): the same classes, kept where bytecode is."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

from report import dataclass_code

SRC = Path(__file__).resolve().parents[1] / "src"


def _define():
    @dataclasses.dataclass(frozen=True)
    class Sample:
        name: str
        size: float = 1.5
        tags: tuple = ()

        def area(self) -> float:
            return self.size * self.size

    return Sample


def test_a_class_compiled_through_the_table_is_the_one_exec_makes():
    assert dataclasses.exec is dataclass_code._exec  # installed by `import report`
    via_table = _define()
    del dataclasses.exec  # the builtin, as without the table
    try:
        plain = _define()
    finally:
        dataclasses.exec = dataclass_code._exec
    for method in ("__init__", "__repr__", "__eq__", "__setattr__", "__delattr__", "__hash__"):
        a, b = getattr(via_table, method), getattr(plain, method)
        assert a.__code__.co_code == b.__code__.co_code, method
        assert a.__code__.co_consts == b.__code__.co_consts, method
        assert a.__code__.co_names == b.__code__.co_names, method
        # a future import of dataclass_code's own would make the annotations strings
        assert a.__annotations__ == b.__annotations__, method
    assert via_table.__init__.__annotations__["return"] is None
    assert repr(via_table("x")) == repr(plain("x")).replace(plain.__qualname__, via_table.__qualname__)


def _run(code: str, prefix: Path, write: bool = True) -> str:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.update(PYTHONPATH=str(SRC), PYTHONPYCACHEPREFIX=str(prefix))
    if not write:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          check=True).stdout


PROBE = ("import report.dataclass_code as d, report.model, report.theme; "
         "print(len(d._codes), d._added, d.table_path())")


def test_the_table_is_written_beside_the_bytecode_and_read_by_the_next_process(tmp_path):
    prefix = tmp_path / "pyc"
    assert _run(PROBE, prefix, write=False).split()[1] == "True"  # compiled, and (-B) nothing kept
    assert not list(prefix.rglob("*.dataclasses"))
    first = _run(PROBE, prefix).split()
    assert first[1] == "True"
    path = Path(first[2])
    assert path.is_file() and path.is_relative_to(prefix)  # PYTHONPYCACHEPREFIX moves it with the .pyc
    second = _run(PROBE, prefix).split()
    assert second[1] == "False" and int(second[0]) == int(first[0]) > 50  # nothing compiled again
    path.write_bytes(b"\xffnot marshal")  # a table that cannot be read is an empty one
    third = _run(PROBE, prefix).split()
    assert third[1] == "True" and int(third[0]) == int(first[0])  # compiled, and kept again
    assert _run(PROBE, prefix).split()[1] == "False"
