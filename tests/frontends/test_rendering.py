"""Templates read GraphQL answers (dicts) by key first, and translate with `_()`."""

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


def test_translations_are_markup_and_their_variables_are_escaped() -> None:
    renderer = Renderer()
    source = '{{ _("%(count)s articles", count=n) }}|{{ _("Search the legal and administrative documents of %(portal)s", portal=p) }}'
    portal = "Phường <b>Hoàn Kiếm</b> & co"
    vi = renderer._env_for("vi").from_string(source).render(n=12, p=portal)
    en = renderer._env_for("en").from_string(source).render(n=12, p=portal)
    escaped = "Phường &lt;b&gt;Hoàn Kiếm&lt;/b&gt; &amp; co"
    assert (
        vi == f"12 bài viết|Tra cứu văn bản quy phạm pháp luật và văn bản hành chính của {escaped}"
    )
    assert en == f"12 articles|Search the legal and administrative documents of {escaped}"
    # A string with no variables is its translation.
    assert renderer._env_for("vi").from_string('{{ _("Pinned") }}').render() == "Tin ghim"
