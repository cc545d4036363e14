"""Settings from decomposer.toml or [tool.decomposer]; mistakes named with a way out."""

from __future__ import annotations

import pytest

from decomposer.config import DEFAULT_WEIGHTS, Config, default_cache_dir, load_config
from decomposer.errors import ConfigError, UsageError


def settings(tmp_path, text: str, name: str = "decomposer.toml") -> Config:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return load_config(tmp_path)


def test_no_settings_file_gives_the_defaults(tmp_path):
    config = load_config(tmp_path)
    assert config == Config(repo=str(tmp_path))
    assert config.weights == DEFAULT_WEIGHTS and config.pins == {}


def test_every_section_is_parsed(tmp_path):
    config = settings(tmp_path, """
        exclude = "legacy/**"
        read = ["lib/**"]
        dialect = "postgres"
        max_file_size = 1000
        apart = [["shop.orders.*", "shop.billing.*"]]

        [history]
        enabled = false
        since = "2 years ago"

        [clustering]
        contexts = 4
        resolution = 1.5

        [weights]
        cochange = 1.5

        [pins]
        billing = ["shop.core.*", "table:invoices"]
        orders = "shop.orders.*"

        [rename]
        invoices = "billing"

        [importance]
        orders = 5
        "report*" = 2

        [scoring.weights]
        change_frequency = 2
    """)
    assert config.exclude == ("legacy/**",)
    assert config.read == ("lib/**",)
    assert (config.dialect, config.max_file_size) == ("postgres", 1000)
    assert config.apart == (("shop.orders.*", "shop.billing.*"),)
    assert (config.use_history, config.since) == (False, "2 years ago")
    assert (config.contexts, config.resolution) == (4, 1.5)
    assert config.weights == {**DEFAULT_WEIGHTS, "cochange": 1.5}
    assert config.pins == {"billing": ("shop.core.*", "table:invoices"),
                           "orders": ("shop.orders.*",)}
    assert config.rename == {"invoices": "billing"}
    assert config.importance == {"orders": 5, "report*": 2}
    assert config.score_weights == {"business_importance": 1.0, "change_frequency": 2,
                                    "technical_debt": 1.0}


def test_pyproject_tool_table_is_read(tmp_path):
    config = settings(tmp_path, '[project]\nname = "x"\n\n[tool.decomposer]\nexclude = ["a"]\n',
                      "pyproject.toml")
    assert config.exclude == ("a",)


def test_pyproject_without_a_tool_table_gives_defaults(tmp_path):
    assert settings(tmp_path, '[project]\nname = "x"\n', "pyproject.toml").exclude == ()


def test_decomposer_toml_wins_over_pyproject(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.decomposer]\nexclude = ["from-pyproject"]\n')
    assert settings(tmp_path, 'exclude = ["from-dedicated"]\n').exclude == ("from-dedicated",)


@pytest.mark.parametrize("text, message", [
    ('exclud = ["x"]\n', "unknown key 'exclud' (did you mean 'exclude'?)"),
    ("[clustering]\ncontxts = 3\n", "unknown key clustering.'contxts' (did you mean 'contexts'?)"),
    ("[weights]\ncochang = 1.0\n", "unknown weight 'cochang' (did you mean 'cochange'?)"),
    ("[scoring]\nweigths = {}\n", "unknown key scoring.'weigths' (did you mean 'weights'?)"),
    ("[scoring.weights]\nchange_freq = 1\n", "(did you mean 'change_frequency'?)"),
    ("zzzz = 1\n", "unknown key 'zzzz'"),
])
def test_unknown_keys_are_named_with_the_closest_known_key(tmp_path, text, message):
    with pytest.raises(ConfigError) as caught:
        settings(tmp_path, text)
    assert message in str(caught.value)
    assert str(tmp_path / "decomposer.toml") in str(caught.value)


def test_errors_in_pyproject_name_the_table(tmp_path):
    with pytest.raises(ConfigError, match=r"pyproject.toml \[tool.decomposer\]: unknown key"):
        settings(tmp_path, "[tool.decomposer]\nexcluded = []\n", "pyproject.toml")


@pytest.mark.parametrize("text, message", [
    ('[pins]\nbilling = ["shop.core.[*"]\n', "unbalanced '['"),
    ('[pins]\nbilling = [""]\n', "empty pattern"),
    ("[pins]\nbilling = 3\n", "must be a list of glob patterns"),
    ('apart = [["a.*"]]\n', "apart must be a list of pattern pairs"),
    ('apart = [["a.[", "b"]]\n', "unbalanced '['"),
    ('exclude = [1]\n', "exclude must be a list of strings"),
    ('read = ["lib/[x"]\n', "unbalanced '['"),
    ('read = 3\n', "read must be a list of strings"),
])
def test_bad_patterns_are_refused(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message.replace("[", r"\[")):
        settings(tmp_path, text)


@pytest.mark.parametrize("text, message", [
    ("[weights]\ncochange = -1\n", "weight 'cochange' must be a number >= 0"),
    ('[weights]\ncochange = "high"\n', "weight 'cochange' must be a number >= 0"),
    ("[weights]\ncochange = true\n", "weight 'cochange' must be a number >= 0"),
    ("[importance]\norders = 6\n", "importance.orders must be an integer 1..5"),
    ("[importance]\norders = true\n", "importance.orders must be an integer 1..5"),
    ('[rename]\na = ""\n', "rename values must be non-empty names"),
    ('[scoring.weights]\nchange_frequency = "x"\n', "must be a number >= 0"),
    ('max_file_size = "big"\n', "max_file_size must be a non-negative integer"),
    ("max_file_size = true\n", "max_file_size must be a non-negative integer"),
    ("[clustering]\ncontexts = -2\n", "contexts must be a non-negative integer"),
    ("include_tests = true\n", "'include_tests' is no longer a setting: test code is always read"),
    ("[history]\nenabled = 1\n", "history.enabled must be true or false"),
    ('[clustering]\nresolution = "x"\n', "resolution must be a number"),
    ("dialect = 3\n", "dialect must be a SQL dialect name"),
    ('dialect = "postgress"\n', "Unknown dialect 'postgress'. Did you mean postgres?"),
    ("[weights]\n[weights.call]\nx = 1\n", "must be a number"),
    ("clustering = 3\n", r"\[clustering\] must be a table"),
    ("this is not toml\n", "cannot read settings"),
])
def test_bad_values_are_refused_with_what_to_write(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message):
        settings(tmp_path, text)


def test_config_errors_are_usage_errors():
    assert issubclass(ConfigError, UsageError)


def test_flags_override_the_file_and_none_means_not_given(tmp_path):
    config = settings(tmp_path, 'dialect = "mysql"\nexclude = ["a"]\n')
    flagged = config.with_flags(dialect="postgres", exclude=None, seed=7)
    assert (flagged.dialect, flagged.exclude, flagged.seed) == ("postgres", ("a",), 7)


def test_an_unknown_dialect_flag_is_a_usage_error():
    with pytest.raises(UsageError, match="--dialect: Unknown dialect 'postgress'"):
        Config().with_flags(dialect="postgress")


def test_cache_dir_comes_from_the_environment_then_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("DECOMPOSER_CACHE_DIR", str(tmp_path / "c"))
    assert default_cache_dir() == tmp_path / "c"
    monkeypatch.delenv("DECOMPOSER_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "decomposer"
