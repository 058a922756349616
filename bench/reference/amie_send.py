#!/usr/bin/env python3
"""The reference Python client's send path, for bench/report.sh's side-by-side figure.

amieclient 0.6.1 cannot be installed here (no PyPI), so this script does what its
UsageClient.send does, as its documentation and source describe it (spec/README.md, "amieclient
docs" and "client code"): the records are read into record objects (here: dicts, as amieclient's
as_dict() produces), grouped into UsageMessages of 1000 records per usage type (message.py's
_chunked(chunk_size=1000)), and each message is POSTed with requests' json= (serialized by the json
module) to <url>/usage/ (trailing slash, as amieclient posts) with the XA-SITE and XA-API-KEY
headers, one request after another on one session. Written for this benchmark, not copied.

    amie_send.py FILE|- --url URL [--site SITE] [--key KEY]

FILE is JSON Lines (one record a line; "-" reads standard input). The usage type of a record is
guessed from its members as amieclient's record classes would be chosen by the caller: CollectionTime
means storage, AdjustmentType adjustment, anything else compute. Prints one JSON summary line.
"""
import argparse
import json
import sys
import time

import requests

BATCH = 1000


def usage_type(record):
    if "AdjustmentType" in record:
        return "Adjustment"
    if "CollectionTime" in record:
        return "Storage"
    return "Compute"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--url", required=True, help="the AMIE base URL, e.g. http://127.0.0.1:5080/amie/api/v1/")
    parser.add_argument("--site", default="EMULATOR")
    parser.add_argument("--key", default="amie-emulator-key")
    args = parser.parse_args()

    url = args.url.rstrip("/") + "/usage/"
    session = requests.Session()
    session.headers.update({"XA-SITE": args.site, "XA-API-KEY": args.key})
    started = time.monotonic()
    pending = {}
    sent = requests_made = failed_posts = 0

    def post(kind, records):
        nonlocal sent, requests_made, failed_posts
        response = session.post(url, json={"UsageType": kind, "Records": records})
        requests_made += 1
        sent += len(records)
        if response.status_code // 100 != 2:
            failed_posts += 1

    source = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8")
    with source:
        for line in source:
            line = line.strip()
            if not line:
                continue
            record = json.loads(line)
            kind = usage_type(record)
            batch = pending.setdefault(kind, [])
            batch.append(record)
            if len(batch) == BATCH:
                post(kind, batch)
                pending[kind] = []
    for kind, batch in pending.items():
        if batch:
            post(kind, batch)

    print(json.dumps({"records": sent, "requests": requests_made, "failedPosts": failed_posts,
                      "seconds": round(time.monotonic() - started, 3)}))
    return 0 if failed_posts == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
