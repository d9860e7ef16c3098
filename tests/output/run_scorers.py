"""Runs the shared scorers (score.py, polnear_score.py) several times in one Python process.

usage: run_scorers.py TOOLS_DIR CALL...   (CALL: "score.py<TAB>GOLD<TAB>PRED<TAB>--json")
Prints a JSON array with each call's JSON output. Starting Python and importing PyYAML once
instead of once a call keeps the parity tests fast on a loaded machine; libyaml's loader (the
same YAML, same values) replaces the pure-Python one when PyYAML has it. Exit 77 (skip) when
PyYAML is missing."""
import contextlib
import io
import json
import runpy
import sys

try:
    import yaml
except ImportError:
    sys.exit(77)
if getattr(yaml, "__with_libyaml__", False):
    yaml.safe_load = lambda stream: yaml.load(stream, Loader=yaml.CSafeLoader)

tools = sys.argv[1]
results = []
for call in sys.argv[2:]:
    words = call.split("\t")
    sys.argv = [tools + "/" + words[0]] + words[1:]
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        runpy.run_path(sys.argv[0], run_name="__main__")
    results.append(json.loads(output.getvalue()))
print(json.dumps(results))
