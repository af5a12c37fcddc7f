"""An in-process client for the review page's WSGI app: requests without a server or a browser."""
import html
import io
import re
from urllib.parse import urlencode
from wsgiref.util import setup_testing_defaults

from pipeline.clerk.web import app


class Client:
    """``get(path)`` and ``post(path, form)`` → (status code, headers dict, body: text for an HTML
    page, bytes for a download)."""

    def __init__(self, db_path):
        self.app = app.make_app(db_path)

    def request(self, method: str, path: str, form: dict | None = None,
                origin: str | None = "http://127.0.0.1:8002"):
        body = urlencode(form or {}).encode()
        environ = {"REQUEST_METHOD": method, "PATH_INFO": path.split("?")[0],
                   "QUERY_STRING": path.partition("?")[2], "HTTP_HOST": "127.0.0.1:8002",
                   "CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body)}
        if origin:
            environ["HTTP_ORIGIN"] = origin
        setup_testing_defaults(environ)
        started = {}
        chunks = self.app(environ, lambda status, headers: started.update(
            status=int(status.split()[0]), headers=dict(headers)))
        body = b"".join(chunks)
        if started["headers"]["Content-Type"].startswith("text/html"):
            body = body.decode("utf-8")
        return started["status"], started["headers"], body

    def get(self, path: str):
        return self.request("GET", path)

    def post(self, path: str, form: dict, **options):
        return self.request("POST", path, form, **options)


def form_fields(page: str, form_id: str) -> dict[str, str]:
    """The hidden and text inputs of one form of a page, as a browser would send them."""
    form = re.search(rf'<form[^>]*id="{form_id}".*?</form>', page, re.S).group(0)
    fields = dict(re.findall(r'<input[^>]*name="(\w+)" value="([^"]*)"', form))
    fields.update(re.findall(r'<textarea name="(\w+)"[^>]*>([^<]*)</textarea>', form))
    for name, options in re.findall(r'<select name="(\w+)">(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected>', options)
        fields[name] = chosen.group(1) if chosen else ""
    return {name: html.unescape(value) for name, value in fields.items()}
