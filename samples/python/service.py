"""A small internal admin service: the kind of code secreview is meant to review."""
import hashlib
import os
import pickle
import random
import sqlite3
import subprocess

import requests
import yaml
from flask import Flask, request

app = Flask(__name__)
DB_PASSWORD = "s3cr3t-Pa55w0rd"
REPORT_URL = "https://reports.internal.example/api"


def get_db():
    return sqlite3.connect("inventory.db")


@app.route("/items")
def items():
    name = request.args.get("name", "")
    cursor = get_db().cursor()
    cursor.execute("SELECT * FROM items WHERE name = '%s'" % name)
    return {"items": cursor.fetchall()}


@app.route("/ping")
def ping():
    host = request.args["host"]
    return subprocess.check_output("ping -c 1 " + host, shell=True)


@app.route("/import", methods=["POST"])
def import_settings():
    settings = yaml.load(request.data)
    state = pickle.loads(request.files["state"].read())
    return {"settings": settings, "state": state}


def new_api_token():
    token = "".join(random.choice("abcdef0123456789") for _ in range(32))
    return token


def store_password(password):
    digest = hashlib.md5(password.encode()).hexdigest()
    return digest


def send_report(payload):
    return requests.post(REPORT_URL, json=payload, verify=False)


class Worker:
    def __init__(self, server):
        self.rpcserver = server

    def stop(self):
        try:
            self.rpcserver.stop()
            self.rpcserver.wait()
        except Exception:
            pass


def prepare_spool():
    os.makedirs("/var/spool/admin", mode=0o777, exist_ok=True)


if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=True)
