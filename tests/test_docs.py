"""Documentation stays in step with the code."""

import dataclasses
import re
from pathlib import Path

from ceasewatch.cli import app
from ceasewatch.config import Config

ROOT = Path(__file__).resolve().parents[1]


def test_every_cli_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert names
    for name in names:
        assert f"ceasewatch {name}" in readme, name


def test_readme_shows_exactly_two_setup_commands():
    readme = (ROOT / "README.md").read_text()
    block = readme.split("## Two commands", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [line for line in block.splitlines() if line.strip()]
    assert len(commands) == 2
    for line in commands:
        script = re.match(r"bash (\S+)", line).group(1)
        assert (ROOT / script).exists()
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text()


def test_every_config_field_has_a_docstring():
    source = (ROOT / "src" / "ceasewatch" / "config.py").read_text()
    for field in dataclasses.fields(Config):
        pattern = rf"\n    {field.name}: [^\n]+\n    \"\"\""
        assert re.search(pattern, source), f"Config.{field.name} has no docstring"
