from langchain_openai import ChatOpenAI

llm = ChatOpenAI(model="m")
