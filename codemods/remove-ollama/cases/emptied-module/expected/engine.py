from langchain_community.llms import Ollama

engine = Ollama(model="llama3")
