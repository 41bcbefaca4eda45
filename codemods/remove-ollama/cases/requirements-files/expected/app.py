"""The app no longer needs ollama: the requirement lines go."""
import flask


app = flask.Flask(__name__)
