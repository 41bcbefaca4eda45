def load_model(name):
    return name
