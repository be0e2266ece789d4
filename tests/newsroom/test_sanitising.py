"""Nothing a user types can run script in a reader's browser; allowed embeds survive."""

from __future__ import annotations

import httpx

from hub.auth.permissions import Role
from hub.text.embeds import parse_embed_url
from tests.factories import make_category, make_tree, make_viewer
from tests.graphql.helpers import gql, token_for

HOSTILE = """<p onclick="steal()">Tin <b onmouseover=x()>nóng</b></p>
<script>alert(document.cookie)</script>
<img src="x" onerror="alert(1)" alt="ảnh">
<a href="javascript:alert(1)">bấm vào</a> <a href="JaVaScRiPt:alert(2)">nữa</a>
<iframe src="https://evil.example.com/phish"></iframe>
<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ"
  title="YouTube video player" allowfullscreen></iframe>
<iframe src="https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fhanoi%2Fvideos%2F1234567890123%2F"></iframe>
<figure data-embed='youtube:x" onload="alert(3)'>giả mạo</figure>
<style>body{display:none}</style><svg onload=alert(4)></svg>
<p style="position:fixed">kiểu</p>"""


async def test_body_is_stored_clean_and_embeds_survive(client: httpx.AsyncClient) -> None:
    tree = await make_tree()
    await make_category(tree.city)
    await make_viewer("bientap", {tree.city: [Role.ADMIN]})
    token = await token_for("bientap")
    result = await gql(
        client,
        'mutation($b: String!) { articleCreate(input: {tenant: "hanoi", title: "Kiểm tra", body: $b})'
        " { ... on ArticleSuccess { article { body } } } }",
        {"b": HOSTILE},
        token=token,
    )
    body = result["data"]["articleCreate"]["article"]["body"]
    lowered = body.lower()
    for bad in (
        "<script",
        "onclick",
        "onmouseover",
        "onerror",
        "onload",
        "javascript:",
        "evil.example",
        "<style",
        "<svg",
        "style=",
        "<iframe",
    ):
        assert bad not in lowered, bad
    assert '<figure data-embed="youtube:dQw4w9WgXcQ"></figure>' in body
    assert '<figure data-embed="facebook:1234567890123"></figure>' in body
    assert '<img src="x" alt="ảnh">' in body
    assert "bấm vào" in body and "Tin <b>nóng</b>" in body


def test_embed_urls_from_the_allow_list() -> None:
    cases = {
        "https://youtu.be/dQw4w9WgXcQ": ("youtube", "dQw4w9WgXcQ"),
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3": ("youtube", "dQw4w9WgXcQ"),
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ": ("youtube", "dQw4w9WgXcQ"),
        "https://vtv.vn/video/thoi-su-19h-ngay-25-11-2026-712345.htm": ("vtv", "712345"),
        "https://www.youtube.com/embed/short": None,
        "https://vimeo.com/123456": None,
        "javascript:alert(1)": None,
    }
    for url, expected in cases.items():
        embed = parse_embed_url(url)
        assert (embed and (embed.provider, embed.id)) == (expected or None), url
