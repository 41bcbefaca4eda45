"""The app no longer needs ollama: the requirement lines go."""
import flask
import ollama


def pull():
    ollama.pull("llama3")


app = flask.Flask(__name__)
