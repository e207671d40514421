"""What PyYAML's safe_load makes of option values, as MyST-Parser 0.18 sees them.

Reads a JSON list of option-value texts on stdin; for each, loads the YAML
document `k: <text>` and prints [Python type name, str(value)]. Writes a JSON
object (text -> pair) with PyYAML's version under "pyyaml".
"""
import json
import sys

import yaml

texts = json.load(sys.stdin)
out = {"pyyaml": yaml.__version__, "values": {}}
for text in texts:
    value = yaml.safe_load("k: " + text)["k"]
    out["values"][text] = [type(value).__name__, str(value)]
json.dump(out, sys.stdout, indent=1, sort_keys=True)
sys.stdout.write("\n")
