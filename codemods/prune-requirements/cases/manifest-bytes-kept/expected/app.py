import flask
import requests
