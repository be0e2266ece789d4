"""Templates read GraphQL answers (dicts) by key first."""

from __future__ import annotations

from frontends.rendering import Renderer


def test_a_dicts_keys_win_over_its_methods_and_objects_still_work() -> None:
    env = Renderer()._env_for("vi")
    template = env.from_string(
        "{{ g.items|length }} {{ g.title }} {{ g.missing is undefined }} {{ s.upper() }} "
        "{{ plain.items()|list|length }}"
    )
    out = template.render(g={"items": [1, 2, 3], "title": "Công báo"}, s="hn", plain={"a": 1})
    assert out == "3 Công báo True HN 1"
