"""Machine translation on the city's own server: one small class per engine, chosen by configuration.

    engine = machine_translation.engine()       # None when PORTAL_TRANSLATION_URL is not set: nothing is sent
    if engine and engine.offers("so"):
        english = engine.translate(text, source="so")

A resident's words only ever go to the URL the city configured. An engine that speaks another API (an
OpenAI-compatible endpoint on the city's server, say) is one more class with `name`, `source_languages()` and
`translate()`, picked in `engine()`.
"""
from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from typing import Protocol

from flask import current_app

LANGUAGES_TTL_SECONDS = 600  # how long an engine's list of languages is believed before it is asked again


class TranslationError(Exception):
    """The engine could not be reached, refused, or answered something we cannot read."""


class Engine(Protocol):
    name: str

    def source_languages(self) -> frozenset[str]:
        """The engine's codes of the languages it translates into English."""
        ...

    def translate(self, text: str, *, source: str, target: str = "en") -> str:
        ...


def engine_code(tag: str) -> str:
    """Our language tag as engines name it: the primary subtag (fa-AF, Dari, is "fa")."""
    return tag.split("-")[0].lower()


class LibreTranslate:
    """LibreTranslate's HTTP API (POST /translate, GET /languages); also what a CTranslate2 server for MADLAD-400
    can answer when put behind the same API."""

    name = "LibreTranslate"

    def __init__(self, url: str, api_key: str | None, timeout: float) -> None:
        self.url, self.api_key, self.timeout = url.rstrip("/"), api_key, timeout

    def _call(self, path: str, payload: dict | None = None):
        data = json.dumps(payload).encode() if payload is not None else None
        request = urllib.request.Request(f"{self.url}{path}", data=data, method="POST" if data else "GET",
                                         headers={"Content-Type": "application/json", "Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            raise TranslationError(f"{self.name} answered {error.code}: {_error_of(error)}") from error
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise TranslationError(f"{self.name} could not be reached: {error}") from error
        except ValueError as error:
            raise TranslationError(f"{self.name} answered something that is not JSON") from error

    def source_languages(self) -> frozenset[str]:
        answer = self._call("/languages")
        try:
            return frozenset(item["code"] for item in answer if "en" in item.get("targets", ["en"]))
        except (TypeError, KeyError) as error:
            raise TranslationError(f"{self.name} listed its languages in a form we cannot read") from error

    def translate(self, text: str, *, source: str, target: str = "en") -> str:
        payload = {"q": text, "source": source, "target": target, "format": "text"}
        if self.api_key:
            payload["api_key"] = self.api_key
        answer = self._call("/translate", payload)
        if not isinstance(answer, dict) or not isinstance(answer.get("translatedText"), str):
            raise TranslationError(f"{self.name} gave no translatedText")
        return answer["translatedText"]


def _error_of(error: urllib.error.HTTPError) -> str:
    try:
        return str(json.loads(error.read().decode("utf-8")).get("error", error.reason))[:200]
    except (ValueError, AttributeError):
        return str(error.reason)


def engine() -> Engine | None:
    """The configured engine, or None: then nothing is ever sent anywhere."""
    url = current_app.config.get("TRANSLATION_URL")
    if not url:
        return None
    return LibreTranslate(url, current_app.config.get("TRANSLATION_API_KEY"),
                          current_app.config["TRANSLATION_TIMEOUT"])


_languages_lock = threading.Lock()
_languages_cache: dict[str, tuple[float, frozenset[str]]] = {}


def offered_languages(chosen: Engine) -> frozenset[str]:
    """The engine's source languages, asked once every LANGUAGES_TTL_SECONDS per process (an engine gets a model
    rarely; a list asked for every submission would double the calls)."""
    key = f"{type(chosen).__name__}:{getattr(chosen, 'url', '')}"
    with _languages_lock:
        cached = _languages_cache.get(key)
    if cached is not None and time.monotonic() - cached[0] < LANGUAGES_TTL_SECONDS:
        return cached[1]
    languages = chosen.source_languages()
    with _languages_lock:
        _languages_cache[key] = (time.monotonic(), languages)
    return languages


def forget_offered_languages() -> None:
    """After the engine changed (or in tests): ask it again."""
    with _languages_lock:
        _languages_cache.clear()
