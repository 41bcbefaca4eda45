"""Ask questions about an uploaded PDF."""
import os
import tempfile

import streamlit as st
from langchain.chains import RetrievalQA
from langchain_community.chat_models import ChatOpenAI
from langchain_community.document_loaders import PyPDFLoader
from langchain_community.embeddings import OpenAIEmbeddings
from langchain_community.vectorstores import Chroma

st.title("Ask your PDF")
upload = st.file_uploader("PDF", type="pdf")
if upload:
    path = os.path.join(tempfile.mkdtemp(), "doc.pdf")
    with open(path, "wb") as handle:
        handle.write(upload.getvalue())
    pages = PyPDFLoader(path).load_and_split()
    store = Chroma.from_documents(pages, OpenAIEmbeddings())
    chain = RetrievalQA.from_chain_type(llm=ChatOpenAI(temperature=0), retriever=store.as_retriever())
    question = st.text_input("Question")
    if question:
        st.write(chain.run(question))
