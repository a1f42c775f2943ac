"""Real Elasticsearch nodes for the tests, started from search-node/ (make elasticsearch).

`ELASTICSEARCH_URL` in the environment: the tests use that cluster. Otherwise the
session starts a throwaway node of its own on free loopback ports, with its own data
directory, and stops it at the end; without java or mvn the Elasticsearch tests skip
and say so (in CI, where SEARCH_NODE_REQUIRED is set, they fail). Each node is one
process, so a fault test can kill one (`SearchNode.kill`).
"""

import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

LAUNCHER = Path(__file__).resolve().parent.parent / "search-node" / "node"
# The first start resolves Elasticsearch through Maven (minutes on an empty ~/.m2).
START_SECONDS = int(os.environ.get("SEARCH_NODE_START_SECONDS", "600"))
HEAP = os.environ.get("SEARCH_NODE_HEAP", "512m")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def missing_tools():
    """Why no node can be started here, or "" when it can."""
    absent = [tool for tool in ("java", "mvn") if shutil.which(tool) is None]
    if absent:
        return f"{' and '.join(absent)} not found: no Elasticsearch node to test against"
    return ""


def answers(url, path="/"):
    import urllib.request

    try:
        with urllib.request.urlopen(url + path, timeout=2) as response:  # noqa: S310 (loopback)
            return response.status == 200
    except OSError:
        return False


class SearchNode:
    """One node's process, started by `start()`."""

    def __init__(self, data_dir, name="node-0", http_port=None, transport_port=None):
        self.data_dir = Path(data_dir)
        self.name = name
        self.http_port = http_port or free_port()
        self.transport_port = transport_port or free_port()
        self.url = f"http://127.0.0.1:{self.http_port}"
        self.process = None

    def start(self, seeds=None, masters=None):
        self.data_dir.mkdir(parents=True, exist_ok=True)
        args = [str(LAUNCHER), self.name, str(self.http_port), str(self.transport_port)]
        args.append(str(self.data_dir))
        if seeds:
            args += [",".join(seeds), ",".join(masters)]
        self.log = open(self.data_dir / "node.log", "ab")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(  # noqa: S603 (our own launcher)
            args,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "ES_HEAP": HEAP},
            start_new_session=True,
        )
        return self

    def wait(self, path="/"):
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited: see {self.data_dir / 'node.log'}")
            if answers(self.url, path):
                return self
            time.sleep(0.5)
        raise RuntimeError(f"{self.name} did not answer within {START_SECONDS} s")

    def kill(self):
        """The node dies at once, as in a crash (SIGKILL)."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.kill()
        if self.process:
            self.log.close()


def start_cluster(data_dir, count):
    """`count` nodes that form one cluster; returns them once it is green."""
    nodes = [SearchNode(Path(data_dir) / f"node-{i}", name=f"node-{i}") for i in range(count)]
    seeds = [f"127.0.0.1:{node.transport_port}" for node in nodes]
    masters = [node.name for node in nodes]
    for node in nodes:
        node.start(seeds, masters)
    for node in nodes:
        node.wait(f"/_cluster/health?wait_for_nodes={count}&wait_for_status=green&timeout=60s")
    return nodes


@pytest.fixture(scope="session")
def elasticsearch_node_url(tmp_path_factory):
    """The URL of a live cluster: `ELASTICSEARCH_URL`, or a node started for the session."""
    if url := os.environ.get("ELASTICSEARCH_URL"):
        yield url
        return
    if reason := missing_tools():
        if os.environ.get("SEARCH_NODE_REQUIRED"):  # CI: the live half must run
            pytest.fail(reason)
        pytest.skip(reason)
    node = SearchNode(tmp_path_factory.mktemp("search-node")).start()
    try:
        node.wait()
        yield node.url
    finally:
        node.stop()


@pytest.fixture
def live_elasticsearch(elasticsearch_node_url, settings):
    """The directory's and the pages' Elasticsearch for one test: the live cluster, with
    index names of this test process (xdist workers may share one cluster)."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    settings.ELASTICSEARCH_URL = elasticsearch_node_url
    settings.ELASTICSEARCH_INDEX_PREFIX = f"test_{worker}"
    return elasticsearch_node_url
