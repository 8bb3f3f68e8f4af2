"""Nothing from an article runs as script in a report: checked in the HTML and in a real browser."""

import re
import shutil
import subprocess

import pandas as pd
import pytest
import yaml

from analysis import reports

ATTACKS = {
    "script": "<script>document.title='PWNED'</script>",
    "img": "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">",
    "link": "<a href=\"javascript:document.body.setAttribute('data-pwned','2')\">klick</a>",
}
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    article = folder / "corpus" / "boese.md"
    article.parent.mkdir()
    front_matter = yaml.safe_dump(
        {"title": f"{ATTACKS['script']} Scholz in Berlin", "date": "2024-02-01",
         "author": ATTACKS["img"], "url": "javascript:alert(1)"},
        allow_unicode=True,
    )
    article.write_text(
        f"---\n{front_matter}---\n"
        f"Olaf Scholz sagte am Montag in Berlin: „{ATTACKS['link']} ist gut.“ "
        f"Die Regierung {ATTACKS['img']} lobte den Plan. {ATTACKS['script']}\n",
        encoding="utf-8",
    )
    out = folder / "out"
    outcome = reports.render_reports(article.parent, out)
    assert outcome.processed == 1
    manifest = pd.read_csv(out / "manifest.csv", keep_default_na=False)
    return [out / "index.html", out / "corpus.html", out / manifest["report"].iloc[0]]


def test_no_attack_survives_unescaped_in_the_html(hostile_reports):
    for page in hostile_reports:
        html = page.read_text(encoding="utf-8")
        assert "<script>document.title" not in html, page.name
        assert "<img src=x onerror" not in html, page.name
        assert '<a href="javascript:' not in html, page.name
    article_page = hostile_reports[2].read_text(encoding="utf-8")
    assert "&lt;script&gt;document.title" in article_page, "shown as text, not dropped"


@pytest.mark.skipif(BROWSER is None, reason="no chromium installed (apt-get install chromium)")
def test_a_real_browser_runs_none_of_it(hostile_reports):
    for page in hostile_reports:
        dom = subprocess.run(
            [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=3000",
             "--dump-dom", page.as_uri()],
            capture_output=True, text=True, timeout=120, check=True,
        ).stdout
        assert "<body" in dom, f"{page.name}: the browser rendered nothing"
        assert not re.search(r"<title>\s*PWNED", dom), page.name
        assert not re.search(r"<body[^>]*data-pwned", dom), page.name
