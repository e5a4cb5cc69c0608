"""Write tests/data/bot_api_methods.json: each Bot API method's parameters and which are required.

Source: shared/telegram/api.json (PaulSonOfLars/telegram-bot-api-spec, MIT).
Run from the repository root:
    python scripts/extract_bot_api.py ../shared/telegram/api.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(spec_path: str) -> None:
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    methods = {
        name: {
            "required": sorted(f["name"] for f in method.get("fields", []) if f["required"]),
            "optional": sorted(f["name"] for f in method.get("fields", []) if not f["required"]),
        }
        for name, method in spec["methods"].items()
    }
    out = {"version": spec["version"], "methods": methods}
    target = Path("tests/data/bot_api_methods.json")
    target.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{target}: {len(methods)} methods from {spec['version']}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/telegram/api.json")
