class BaseConf:
    name = "desk"
