import requests

print(requests.__name__)
