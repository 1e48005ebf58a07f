"""Synthetic articles (written for these tests) and a loopback HTTP server."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SUMY_PARAGRAPHS = [
    "Russian forces struck the city of Sumy with 12 drones overnight, damaging a school and "
    "two apartment blocks, the regional military administration said on Telegram on Monday.",
    "Air defence units shot down nine of the drones, the administration said. Two residents "
    "were taken to hospital with shrapnel wounds, and firefighters worked until dawn.",
    "The attack came a day after Moscow said it would observe a pause in strikes on civilian "
    "infrastructure. The Russian Defence Ministry denied hitting residential buildings and said "
    "its forces had targeted a military depot.",
]
SUMY_TITLE = "Drones hit Sumy school hours after strike pause pledge"

MYKOLAIV_PARAGRAPHS = [
    "Ukraine's navy said on Tuesday that it had destroyed three Russian landing craft near the "
    "Kinburn spit, south of Mykolaiv, using naval drones launched before dawn.",
    "A navy spokesman wrote on X that the boats had been carrying troops preparing to cross to "
    "the western bank. Russia's Black Sea Fleet did not comment on the claim.",
    "The regional governor said Russian artillery hit the port area of Ochakiv six times later "
    "in the day, wounding a fisherman. Kyiv has offered a 30-day halt to strikes at sea if "
    "Moscow agrees to the same terms.",
]
MYKOLAIV_TITLE = "Naval drones strike landing craft near Mykolaiv"

FRENCH_TEXT = (
    "Les forces russes ont lancé douze drones sur la ville pendant la nuit, selon "
    "l'administration régionale. La défense aérienne a abattu neuf appareils et deux habitants "
    "ont été blessés par des éclats. Le ministère russe de la Défense a démenti avoir visé des "
    "immeubles et affirme que ses forces ont frappé un dépôt militaire dans la région."
)


def article_text(title: str, paragraphs: list[str]) -> str:
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def article_html(
    title: str, paragraphs: list[str], published: str | None = None, body_date: str = ""
) -> str:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    paras = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Test Wire</title>
<meta property="og:site_name" content="Test Wire">{meta}</head>
<body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a>
<a href="/login">Sign in</a></nav></header>
<main><article><h1>{title}</h1>
<p class="date">{body_date}</p>
{paras}
</article>
<aside><h3>Most read</h3><ul><li><a href="/x">Celebrity chef opens new restaurant</a></li>
<li><a href="/y">Football club signs new striker</a></li></ul></aside></main>
<footer><p>Copyright 2025 Test Wire. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/cookies">Cookie settings</a></footer>
</body></html>"""


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    send_length: bool = True


class LoopbackServer:
    """A threaded HTTP server on 127.0.0.1 serving ``routes`` (path -> Route)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        routes = self.routes

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server API
                route = routes.get(self.path, Route(404, b"not found"))
                self.send_response(route.status)
                headers = {"Content-Type": "text/html; charset=utf-8", **route.headers}
                for key, value in headers.items():
                    self.send_header(key, value)
                if route.send_length:
                    self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                self.wfile.write(route.body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def add(
        self,
        path: str,
        body: str | bytes = b"",
        status: int = 200,
        send_length: bool = True,
        **headers: str,
    ) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        clean = {k.replace("_", "-"): v for k, v in headers.items()}
        self.routes[path] = Route(status, data, clean, send_length)
        return self.url(path)
