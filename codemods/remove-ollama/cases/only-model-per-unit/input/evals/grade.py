"""Grades the agent's database helpers with a hosted judge; the agent itself never imports this."""
import openai

from agent.helpers import open_sales


def grade(question):
    rows = open_sales().execute("select count(*) from sales").fetchone()
    return openai.OpenAI().responses.create(model="judge", input=f"{question}: {rows}")
