# -*- coding: latin-1 -*-
"""Résumé of the feeds: fetches each one and prints its title."""
import requests
import yaml

LABEL = "café"


def titles(config_path):
    feeds = yaml.safe_load(open(config_path))
    return [requests.get(url, timeout=10).text[:40] for url in feeds]
