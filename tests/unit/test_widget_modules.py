"""jupyst's widget ES modules at versioned URLs (jupyst/voila/widget_modules.py): the key the
lean page matches a widget's ``_esm`` with, the URLs the page config lists, the bytes served."""

from __future__ import annotations

import gzip
import importlib
import pkgutil

import pytest

import jupyst.widgets
from jupyst.voila import widget_modules
from jupyst.voila.static_assets import versioned_page_config
from jupyst.widgets.module_widget import ES_MODULES, ModuleWidget, es_module


def test_the_text_key_counts_and_hashes_utf16_code_units_as_javascript_does() -> None:
    # FNV-1a (32 bits) of the single unit 0x61, the published test vector for "a".
    assert widget_modules.text_key("a") == "1:e40c292c"
    assert widget_modules.text_key("") == "0:811c9dc5"
    # Outside the basic plane a character is two UTF-16 units: JavaScript's `length` is 2.
    assert widget_modules.text_key("\U0001f600").startswith("2:")
    assert widget_modules.text_key("é") != widget_modules.text_key("e")


def test_every_module_widget_of_jupyst_is_drawn_by_a_listed_module() -> None:
    # A widget whose text is not one of ES_MODULES would have no URL: anywidget would compile
    # a copy of its module for each instance again.
    for info in pkgutil.iter_modules(jupyst.widgets.__path__):
        importlib.import_module(f"jupyst.widgets.{info.name}")
    listed = {es_module(name) for name in ES_MODULES}
    classes = _subclasses(ModuleWidget)
    assert len(classes) >= len(ES_MODULES)
    for cls in classes:
        assert cls.class_traits()["_esm"].default_value in listed, cls


def _subclasses(cls: type) -> list[type]:
    return [sub for direct in cls.__subclasses__() for sub in (direct, *_subclasses(direct))]


def test_every_module_has_a_versioned_url_keyed_by_its_text() -> None:
    urls = widget_modules.module_urls("/app/")
    assert len(urls) == len(ES_MODULES)
    for name in ES_MODULES:
        url = urls[widget_modules.text_key(es_module(name))]
        path, version = url.split("?v=")
        assert path == f"/app/jupyst/modules/{name}.js"
        raw, packed, served_version = widget_modules.served(name)
        assert version == served_version
        assert raw.decode("utf-8") == es_module(name)
        assert gzip.decompress(packed) == raw


def test_a_module_changes_version_with_its_text(monkeypatch: pytest.MonkeyPatch) -> None:
    before = widget_modules.served("field_label")[2]
    widget_modules.served.cache_clear()
    es_module.cache_clear()
    monkeypatch.setattr("jupyst.widgets.module_widget.module_source", lambda filename: f"// {filename} changed\n")
    try:
        assert widget_modules.served("field_label")[2] != before
    finally:
        widget_modules.served.cache_clear()
        es_module.cache_clear()


def test_another_name_is_not_a_module() -> None:
    with pytest.raises(KeyError):
        widget_modules.served("module_widget")


def test_the_page_config_lists_the_modules_under_the_base_url() -> None:
    config = versioned_page_config({"baseUrl": "/base/"}, {"base_url": "/base/"})
    modules = config[widget_modules.PAGE_CONFIG_KEY]
    assert sorted(url.split("?")[0].rsplit("/", 1)[1] for url in modules.values()) == sorted(f"{n}.js" for n in ES_MODULES)
    assert all(url.startswith("/base/jupyst/modules/") for url in modules.values())

