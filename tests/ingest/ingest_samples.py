"""Synthetic articles (written for these tests) and a loopback HTTP server."""

from __future__ import annotations

import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
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
    drip: float = 0.0  # seconds between single bytes of the body (0: send at once)
    drip_head: bool = False  # drip the status line and headers too
    finished: bool = False  # set once the whole response was written


class LoopbackServer:
    """A threaded HTTP server on loopback serving ``routes`` (path -> Route).

    ``host`` may be ``"::1"`` for IPv6; ``tls`` wraps the listening socket (HTTPS). The SNI
    names that TLS clients sent are collected in ``sni_names``.
    """

    def __init__(self, host: str = "127.0.0.1", tls: ssl.SSLContext | None = None) -> None:
        self.routes: dict[str, Route] = {}
        self.host = host
        self.scheme = "https" if tls else "http"
        self.sni_names: list[str | None] = []
        routes = self.routes

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server API
                route = routes.get(self.path, Route(404, b"not found"))
                headers = {"Content-Type": "text/html; charset=utf-8", **route.headers}
                if route.send_length:
                    headers["Content-Length"] = str(len(route.body))
                head = f"HTTP/1.1 {route.status} {HTTPStatus(route.status).phrase}\r\n" + "".join(
                    f"{key}: {value}\r\n" for key, value in headers.items()
                )
                head_bytes = (head + "Connection: close\r\n\r\n").encode("latin-1")
                try:
                    if route.drip_head:
                        self._drip(head_bytes, route.drip)
                    else:
                        self.wfile.write(head_bytes)
                    if route.drip:
                        self._drip(route.body, route.drip)
                    else:
                        self.wfile.write(route.body)
                except OSError:  # the client gave up
                    return
                route.finished = True

            def _drip(self, data: bytes, pause: float) -> None:
                for index in range(len(data)):
                    self.wfile.write(data[index : index + 1])
                    self.wfile.flush()
                    time.sleep(pause)

            def log_message(self, *args: object) -> None:
                pass

        server_class = ThreadingHTTPServer
        if ":" in host:

            class V6Server(ThreadingHTTPServer):
                address_family = socket.AF_INET6

            server_class = V6Server
        self.httpd = server_class((host, 0), Handler)
        if tls is not None:
            names = self.sni_names

            def record(sock: object, name: str | None, context: ssl.SSLContext) -> None:
                names.append(name)

            tls.sni_callback = record
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    @property
    def base(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"

    def start(self) -> LoopbackServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def add(
        self,
        path: str,
        body: str | bytes = b"",
        status: int = 200,
        send_length: bool = True,
        drip: float = 0.0,
        drip_head: bool = False,
        **headers: str,
    ) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        clean = {k.replace("_", "-"): v for k, v in headers.items()}
        self.routes[path] = Route(status, data, clean, send_length, drip, drip_head)
        return self.url(path)
