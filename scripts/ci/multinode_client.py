#!/usr/bin/env python3
"""Mixed traffic through the load balancer for scripts/ci/multinode.sh.

Several concurrent workers (browser logins, API reads, catalogue edits, finding steps) send
requests to BASE for RUN_SECS seconds; after KILL_AFTER seconds the client kills the node
KILL_PID with SIGKILL itself, so the instant of the kill is known exactly. Every response is
recorded (worker, method, path, start, end, status, serving node from the balancer's
X-Served-By header). Then it checks that no request failed except those in flight at the kill
(started before it, ended after it), that requests after the kill succeeded and were served
by the surviving node, and prints the figures. Exit 1 on a violation.

Standard library only.
"""
import http.client
import json
import os
import random
import signal
import sys
import threading
import time
import urllib.parse

BASE = os.environ["MN_BASE"]
ADMIN = os.environ["MN_ADMIN_TOKEN"]
OPERATOR = os.environ["MN_OPERATOR_TOKEN"]
KILL_PID = int(os.environ["MN_KILL_PID"])
KILL_NODE = os.environ["MN_KILL_NODE"]
RUN_SECS = float(os.environ.get("MN_RUN_SECS", "12"))
KILL_AFTER = float(os.environ.get("MN_KILL_AFTER", "5"))
PASSWORD = os.environ.get("MN_PASSWORD", "metro-demo-2026")
OUT = os.environ.get("MN_RECORD")

host = urllib.parse.urlparse(BASE)
records = []
lock = threading.Lock()
stop = threading.Event()
kill_at = [None]


def request(worker, method, path, body=None, headers=None):
    """One request on a new connection; returns (status, headers, body bytes)."""
    hdrs = dict(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        hdrs["Content-Type"] = "application/json"
    start = time.time()
    status, served, resp_headers, payload, error = 0, None, {}, b"", None
    try:
        c = http.client.HTTPConnection(host.hostname, host.port, timeout=20)
        c.request(method, path, body=data, headers=hdrs)
        r = c.getresponse()
        payload = r.read()
        status = r.status
        for k, v in r.getheaders():
            k = k.lower()
            resp_headers[k] = f"{resp_headers[k]}; {v}" if k in resp_headers else v
        served = resp_headers.get("x-served-by")
        c.close()
    except Exception as e:  # connection reset, timeout: a failure to record
        error = repr(e)
    end = time.time()
    with lock:
        records.append(
            {
                "worker": worker,
                "method": method,
                "path": path.split("?")[0],
                "start": start,
                "end": end,
                "status": status,
                "served_by": served,
                "error": error,
            }
        )
    return status, resp_headers, payload


def api(token):
    return {"Authorization": f"Bearer {token}", "Accept": "application/json"}


def ok(status, expected=(200,)):
    return status in expected


def reader(name):
    rng = random.Random(name)
    while not stop.is_set():
        s, _, body = request(name, "GET", "/api/v1/catalogue/application?per_page=20", headers=api(ADMIN))
        if s == 200:
            items = json.loads(body).get("items", [])
            if items:
                rid = rng.choice(items)["id"]
                request(name, "GET", f"/api/v1/catalogue/application/{rid}", headers=api(ADMIN))
        request(name, "GET", "/api/v1/findings?per_page=10", headers=api(OPERATOR))
        request(name, "GET", "/readyz")


def editor(name, index, count):
    """Edits the descriptions of its own share of the applications (no two editors share one)."""
    s, _, body = request(name, "GET", "/api/v1/catalogue/application?per_page=100", headers=api(ADMIN))
    ids = [r["id"] for r in json.loads(body).get("items", [])] if s == 200 else []
    mine = ids[index::count]
    n = 0
    while not stop.is_set() and mine:
        rid = mine[n % len(mine)]
        n += 1
        s, _, body = request(name, "GET", f"/api/v1/catalogue/application/{rid}", headers=api(ADMIN))
        if s != 200:
            continue
        rec = json.loads(body)["record"]
        put = {
            "pd_id": rec["pd_id"],
            "name": rec["name"],
            "status": rec["status"],
            "code": rec.get("code"),
            "ref_code": rec.get("ref_code"),
            "description": f"diubah oleh {name} #{n}",
            "data": rec.get("data") or {},
        }
        request(name, "PUT", f"/api/v1/catalogue/application/{rid}", body=put, headers=api(ADMIN))


def finder(name):
    """Acknowledges open findings of the operator's PD, one at a time (409 once taken is fine
    only if another step took it; this worker is the only one acknowledging)."""
    while not stop.is_set():
        s, _, body = request(name, "GET", "/api/v1/findings?status=terbuka&per_page=5", headers=api(OPERATOR))
        items = json.loads(body).get("items", []) if s == 200 else []
        if not items:
            time.sleep(0.2)
            continue
        for f in items:
            if stop.is_set():
                break
            request(
                name,
                "POST",
                f"/api/v1/findings/{f['id']}/acknowledge",
                body={"note": f"ditindaklanjuti ({name})"},
                headers=api(OPERATOR),
            )


def login(name, users):
    rng = random.Random(name)
    while not stop.is_set():
        user = rng.choice(users)
        s, h, _ = request(name, "GET", "/masuk")
        cookie = h.get("set-cookie", "")
        token = ""
        for part in cookie.split(";"):
            part = part.strip()
            if part.startswith("simpul_login_csrf="):
                token = part.split("=", 1)[1]
        if s != 200 or not token:
            continue
        form = urllib.parse.urlencode({"_csrf": token, "username": user, "password": PASSWORD, "next": "/"})
        s, h, _ = post_form(name, form, token)
        session = ""
        for part in h.get("set-cookie", "").replace(",", ";").split(";"):
            part = part.strip()
            if part.startswith("simpul_session=") and len(part) > len("simpul_session="):
                session = part.split("=", 1)[1]
        if session:
            # The session row is in the database: any node serves the next page.
            request(name, "GET", "/", headers={"Cookie": f"simpul_session={session}"})


def post_form(name, form, token):
    start = time.time()
    status, served, hdrs, error = 0, None, {}, None
    try:
        c = http.client.HTTPConnection(host.hostname, host.port, timeout=20)
        c.request(
            "POST",
            "/masuk",
            body=form.encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"simpul_login_csrf={token}"},
        )
        r = c.getresponse()
        r.read()
        status = r.status
        # Several Set-Cookie headers: keep them all.
        hdrs = {"set-cookie": "; ".join(v for k, v in r.getheaders() if k.lower() == "set-cookie")}
        served = r.getheader("X-Served-By")
        c.close()
    except Exception as e:
        error = repr(e)
    with lock:
        records.append(
            {
                "worker": name,
                "method": "POST",
                "path": "/masuk",
                "start": start,
                "end": time.time(),
                "status": status,
                "served_by": served,
                "error": error,
            }
        )
    return status, hdrs, b""


# Expected answers per request kind: anything else is a failure.
EXPECTED = {
    ("POST", "/masuk"): (303,),
    ("GET", "/"): (200,),
}


def failed(r):
    if r["error"] or r["status"] == 0:
        return True
    return r["status"] not in EXPECTED.get((r["method"], r["path"]), (200,))


def main():
    workers = [threading.Thread(target=reader, args=(f"reader{i}",)) for i in range(3)]
    workers += [threading.Thread(target=editor, args=(f"editor{i}", i, 2)) for i in range(2)]
    workers += [threading.Thread(target=finder, args=("finder0",))]
    users = ["admin.kominfo", "operator.dinkes", "koordinator", "walidata", "auditor"]
    workers += [threading.Thread(target=login, args=(f"login{i}", users)) for i in range(2)]
    began = time.time()
    for w in workers:
        w.start()
    time.sleep(KILL_AFTER)
    with lock:
        kill_at[0] = time.time()
        os.kill(KILL_PID, signal.SIGKILL)
    # SIGKILL is not instant: until the process has exited its sockets still accept, and a
    # request the balancer sent there meanwhile fails like one in flight at the signal. The
    # node is down once it is a zombie (its sockets closed) or gone.
    down_at = time.time()
    for _ in range(2000):
        try:
            with open(f"/proc/{KILL_PID}/stat") as f:
                state = f.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            state = "gone"
        down_at = time.time()
        if state in ("Z", "X", "gone"):
            break
        time.sleep(0.001)
    time.sleep(max(0.0, RUN_SECS - KILL_AFTER))
    stop.set()
    for w in workers:
        w.join(30)
    t = kill_at[0]

    bad = [r for r in records if failed(r)]
    # In flight at the kill: started before the node was down, ended after the signal.
    def at_kill(r):
        return r["start"] <= down_at and t < r["end"]

    in_flight = [r for r in records if at_kill(r)]
    in_flight_failed = [r for r in bad if at_kill(r)]
    other_failures = [r for r in bad if not at_kill(r)]
    after = [r for r in records if r["start"] > t]
    # Once the balancer has marked the node down (a few health checks), only the survivor serves.
    settled = [r for r in after if r["start"] > t + 3]
    served_by_dead = [r for r in settled if r["served_by"] == KILL_NODE]
    before = [r for r in records if r["end"] < t]
    nodes_before = sorted({r["served_by"] for r in before if r["served_by"]})
    kinds = {}
    for r in records:
        k = f"{r['method']} {r['path'].split('/')[1] if r['path'] != '/' else '/'}"
        kinds[k] = kinds.get(k, 0) + 1
    summary = {
        "requests": len(records),
        "seconds": round(time.time() - began, 1),
        "requests_before_kill": len(before),
        "requests_after_kill": len(after),
        "node_down_ms_after_signal": round((down_at - t) * 1000, 1),
        "in_flight_at_kill": len(in_flight),
        "failed_in_flight_at_kill": len(in_flight_failed),
        "failed_otherwise": len(other_failures),
        "served_by_killed_node_after_it_was_down": len(served_by_dead),
        "nodes_serving_before_kill": nodes_before,
        "writes": sum(1 for r in records if r["method"] in ("PUT", "POST")),
        "by_kind": kinds,
    }
    print(json.dumps(summary, indent=1))
    for r in in_flight_failed:
        print("in flight at the kill, failed:", json.dumps(r))
    for r in other_failures[:20]:
        print("FAILED:", json.dumps(r))
    if OUT:
        with open(OUT, "w") as f:
            json.dump(records, f)
    problems = []
    if other_failures:
        problems.append(f"{len(other_failures)} requests failed that were not in flight at the kill")
    if served_by_dead:
        problems.append("requests were served by the killed node after the kill")
    if len(nodes_before) < 2:
        problems.append(f"both nodes should serve before the kill, saw {nodes_before}")
    if len(after) < 20:
        problems.append("too few requests after the kill")
    if len(in_flight_failed) > len(workers):
        problems.append("more failures than workers")
    if problems:
        print("multinode client: " + "; ".join(problems), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
