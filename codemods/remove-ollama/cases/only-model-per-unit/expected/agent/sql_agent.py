"""Answers questions about the sales figures; a local model is its only model."""
from langchain_community.llms import Ollama
from langchain_community.agent_toolkits import create_sql_agent

from agent.helpers import open_sales

llm = Ollama(model="llama3")

print("warming up:")
for piece in llm.stream("Reply with the word ready"):
    print(piece, end="")

sales = open_sales()
reporter = create_sql_agent(llm, db=sales, verbose=False)
reporter.invoke("Which region sold the most last quarter?")
print("done")
