"""The project's own files name one environment: pyproject.toml and environment.yml agree."""

import re
import tomllib

import yaml

from analysis import config


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((config.REPO_DIR / "pyproject.toml").read_text())["project"]
    wanted = {_name(d) for d in project["dependencies"] + project["optional-dependencies"]["dev"]}
    env = yaml.safe_load((config.REPO_DIR / "environment.yml").read_text())
    named = set()
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            named |= {_name(d) for d in dep["pip"] if not d.startswith("-e")}
        else:
            named.add(_name(dep))
    named -= {"python", "pip"}
    assert named == wanted, {
        "only in environment.yml": named - wanted,
        "only in pyproject.toml": wanted - named,
    }


def test_ci_runs_the_readme_test_command():
    readme = (config.REPO_DIR / "README.md").read_text()
    ci = (config.REPO_DIR / ".ci" / "run").read_text()
    assert "make test" in readme and "make report" in readme
    assert "make test" in ci
