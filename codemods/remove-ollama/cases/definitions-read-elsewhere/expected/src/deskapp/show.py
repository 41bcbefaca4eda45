from deskapp.conf import BaseConf, OllamaConf


def show():
    return BaseConf.name, OllamaConf.host
