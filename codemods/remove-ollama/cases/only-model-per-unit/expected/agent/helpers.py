"""Opens the sales database the reporting agent asks questions about."""
import sqlite3


def open_sales(path="sales.db"):
    return sqlite3.connect(path)
