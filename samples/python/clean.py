"""The same service written carefully: secreview should stay silent here."""
import hashlib
import os
import secrets
import sqlite3
import subprocess

import requests
import yaml
from flask import Flask, request

app = Flask(__name__)
REPORT_URL = "https://reports.internal.example/api"


def get_db():
    return sqlite3.connect("inventory.db")


@app.route("/items")
def items():
    name = request.args.get("name", "")
    cursor = get_db().cursor()
    cursor.execute("SELECT * FROM items WHERE name = ?", (name,))
    return {"items": cursor.fetchall()}


@app.route("/ping")
def ping():
    host = request.args["host"]
    return subprocess.check_output(["ping", "-c", "1", "--", host], shell=False, timeout=5)


@app.route("/import", methods=["POST"])
def import_settings():
    settings = yaml.safe_load(request.data)
    return {"settings": settings}


def new_api_token():
    return secrets.token_hex(16)


def store_password(password, salt):
    return hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)


def send_report(payload):
    return requests.post(REPORT_URL, json=payload, timeout=10)


def db_password():
    return os.environ["DB_PASSWORD"]


if __name__ == "__main__":
    app.run(host="127.0.0.1", debug=False)
